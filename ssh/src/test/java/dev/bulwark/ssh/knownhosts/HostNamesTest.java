package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class HostNamesTest {

    @Test
    void matchesWildcardsPortsAndNegationAsOpenSshDoes() {
        HostNames names = HostNames.parse("*.example.org,!secret.example.org,[git.example.org]:2222,10.0.0.?");
        assertThat(names.matches("www.EXAMPLE.org", 22)).isTrue();
        assertThat(names.matches("secret.example.org", 22)).isFalse();
        assertThat(names.matches("git.example.org", 2222)).isTrue();
        assertThat(names.matches("git.example.org", 22)).isTrue();
        assertThat(names.matches("10.0.0.7", 22)).isTrue();
        assertThat(names.matches("10.0.0.17", 22)).isFalse();
        assertThat(names.matches("example.org", 22)).isFalse();
        assertThat(names.render()).isEqualTo("*.example.org,!secret.example.org,[git.example.org]:2222,10.0.0.?");
    }

    @Test
    void matchesHostilePatternsWithoutBacktrackingBlowUp() {
        String name = "a".repeat(200);
        assertThat(HostNames.parse("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(name, 22)).isFalse();
        assertThat(HostNames.parse("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*").matches(name, 22)).isTrue();
        assertThat(HostNames.parse("a*?*a").matches("aba", 22)).isTrue();
        assertThat(HostNames.parse("a*?*a").matches("aa", 22)).isFalse();
        assertThat(HostNames.parse("*").matches("", 22)).isTrue();
    }

    @Test
    void aNonStandardPortOnlyMatchesTheBracketedForm() {
        HostNames plain = HostNames.parse("host.example");
        assertThat(plain.matches("host.example", 22)).isTrue();
        assertThat(plain.matches("host.example", 2222)).isFalse();
    }

    @Test
    void hashesHostAndPortWithHmacSha1() {
        SecureRandom random = new SecureRandom();
        HostNames.Hashed hashed = HostNames.Hashed.of("Host.Example", 2222, random);
        assertThat(hashed.matches("host.example", 2222)).isTrue();
        assertThat(hashed.matches("host.example", 22)).isFalse();
        assertThat(HostNames.parse(hashed.render())).isEqualTo(hashed);
    }

    @Test
    void matchesAKnownVectorFromSshKeygen() {
        // captured from "ssh-keygen -H" (OpenSSH 9.2) on a line for "localhost"
        HostNames names = HostNames.parse("|1|hybLOT7TYO95Aq6snWo0l/l3xnQ=|DwgIOykuLZFHAZ6j6BVf/bt8qqk=");
        assertThat(names).isInstanceOf(HostNames.Hashed.class);
        assertThat(names.matches("localhost", 22)).isTrue();
        assertThat(names.matches("localhost2", 22)).isFalse();
    }

    @Test
    void rejectsMalformedHashes() {
        assertThatThrownBy(() -> HostNames.parse("|1|c2FsdA==|aGFzaA=="))
                .isInstanceOf(ValidationException.class)
                .hasMessage("hashed host salt is 4 bytes, not 20");
        assertThatThrownBy(() -> HostNames.parse("|2|a|b"))
                .hasMessage("hashed host '|2|a|b' is not |1|salt|hash");
        assertThatThrownBy(() -> HostNames.parse("a,,b")).hasMessage("host pattern is empty");
    }
}
