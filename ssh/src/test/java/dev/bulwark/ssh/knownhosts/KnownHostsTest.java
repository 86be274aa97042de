package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    static final SshPublicKey A = newKey();
    static final SshPublicKey B = newKey();
    static final SshPublicKey C = newKey();

    static SshPublicKey newKey() {
        try {
            return SshPublicKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(), "");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String line(String hosts, SshPublicKey key) {
        return hosts + " " + key.toOpenSsh();
    }

    @Test
    void rendersAnUnchangedFileByteForByte() {
        String text = "# known hosts\n\n" + line("web1,10.0.0.5", A) + " a comment\r\n"
                + "@cert-authority *.example.org " + B.toOpenSsh() + "\n"
                + "  @revoked\t* " + C.toOpenSsh() + "\n"
                + line("|1|hybLOT7TYO95Aq6snWo0l/l3xnQ=|DwgIOykuLZFHAZ6j6BVf/bt8qqk=", A);
        KnownHosts known = KnownHosts.parse(text);
        assertThat(known.render()).isEqualTo(text);
        assertThat(known.entries()).hasSize(4);
        assertThat(known.entries().get(0).key().comment()).isEqualTo("a comment");
        assertThat(known.entries().get(1).marker()).contains(Marker.CERT_AUTHORITY);
        assertThat(known.entries().get(2).marker()).contains(Marker.REVOKED);
        assertThat(known.entries().get(3).hosts()).isInstanceOf(HostNames.Hashed.class);
    }

    @Test
    void tellsMatchMismatchUnknownAndRevokedApart() {
        KnownHosts known = KnownHosts.parse(line("web1,[web1]:2222", A) + "\n" + line("db1", B) + "\n"
                + "@revoked * " + B.toOpenSsh() + "\n" + line("!bad.example,*.example", C) + "\n");
        assertThat(known.verify("WEB1", 22, A)).isEqualTo(new HostKeyStatus.Match(known.entries().get(0)));
        assertThat(known.verify("web1", 2222, A).trusted()).isTrue();
        assertThat(known.verify("web1", 22, C)).isEqualTo(new HostKeyStatus.Mismatch(known.entries().subList(0, 1)));
        assertThat(known.verify("web1", 2200, A)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(known.verify("db1", 22, B)).isEqualTo(new HostKeyStatus.Revoked(known.entries().get(2)));
        assertThat(known.verify("good.example", 22, C).trusted()).isTrue();
        assertThat(known.verify("bad.example", 22, C)).isEqualTo(new HostKeyStatus.Unknown());
    }

    @Test
    void aRevokedKeyWinsOverAPlainLineForTheSameKey() {
        KnownHosts known = KnownHosts.parse(line("web1", A) + "\n@revoked web1 " + A.toOpenSsh() + "\n");
        assertThat(known.verify("web1", 22, A)).isInstanceOf(HostKeyStatus.Revoked.class);
        assertThat(known.verify("web1", 22, A).trusted()).isFalse();
    }

    @Test
    void listsCertificateAuthoritiesButDoesNotTrustThemAsHostKeys() {
        KnownHosts known = KnownHosts.parse("@cert-authority *.example.org " + B.toOpenSsh() + "\n");
        assertThat(known.certificateAuthorities("git.example.org", 22)).containsExactly(B);
        assertThat(known.verify("git.example.org", 22, B)).isEqualTo(new HostKeyStatus.Unknown());
    }

    @Test
    void addsPlainAndHashedEntriesOnceEach() {
        SecureRandom random = new SecureRandom();
        KnownHosts known = KnownHosts.empty().withHost("web1", 22, A.withComment("dropped"))
                .withHashedHost("git.example.org", 2222, B, random);
        assertThat(known.withHost("web1", 22, A)).isSameAs(known);
        assertThat(known.withHashedHost("git.example.org", 2222, B, random)).isSameAs(known);
        assertThat(known.render()).startsWith(line("web1", A) + "\n|1|");
        assertThat(known.verify("git.example.org", 2222, B).trusted()).isTrue();
        assertThat(known.verify("git.example.org", 22, B)).isEqualTo(new HostKeyStatus.Unknown());
        assertThatThrownBy(() -> KnownHosts.empty().withHost("web1\nevil", 22, A))
                .isInstanceOf(ValidationException.class)
                .hasMessage("host 'web1?evil' holds whitespace or a control character at index 4; give one host name or address");
    }

    @Test
    void refusesToAddARevokedKey() {
        KnownHosts known = KnownHosts.parse("@revoked * " + C.toOpenSsh() + "\n");
        assertThatThrownBy(() -> known.withHost("web1", 22, C))
                .isInstanceOf(ValidationException.class)
                .hasMessage("key " + C.fingerprintSha256() + " is revoked for web1 (*); not adding it");
    }

    @Test
    void removesAHostAsSshKeygenDoesKeepingMarkedLines() {
        KnownHosts known = KnownHosts.parse(line("web1,web2", A) + "\n" + line("web3", B) + "\n"
                + "@revoked web1 " + C.toOpenSsh() + "\n");
        assertThat(known.withoutHost("web1", 22).render()).isEqualTo(line("web3", B) + "\n@revoked web1 " + C.toOpenSsh() + "\n");
    }

    @Test
    void removesHashedEntriesByTheirHostAndPort() {
        SecureRandom random = new SecureRandom();
        KnownHosts known = KnownHosts.empty().withHashedHost("web1", 22, A, random)
                .withHashedHost("web1", 2222, B, random).withHost("web2", 22, C);
        KnownHosts removed = known.withoutHost("web1", 22);
        assertThat(removed.entries()).hasSize(2);
        assertThat(removed.verify("web1", 22, A)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(removed.verify("web1", 2222, B).trusted()).isTrue();
        assertThat(removed.withoutHost("web1", 2222).render()).isEqualTo(line("web2", C) + "\n");
    }

    @Test
    void strictParsingReportsThePosition() {
        assertThatThrownBy(() -> KnownHosts.parse("# ok\n@revokd web1 " + A.toOpenSsh() + "\n"))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:2:1: unknown marker (expected @cert-authority or @revoked) in '@revokd'");
        assertThatThrownBy(() -> KnownHosts.parse("web1 ssh-ed25519 AAAA!!!!\n"))
                .hasMessage("<string>:1:18: key data is not base64");
        assertThatThrownBy(() -> KnownHosts.parse("|1|c2FsdA==|aGFzaA== " + A.toOpenSsh()))
                .hasMessage("<string>:1:1: hashed host salt is 4 bytes, not 20");
        assertThatThrownBy(() -> KnownHosts.parse("web1\n"))
                .hasMessage("<string>:1:5: missing key after host names");
        assertThat(KnownHosts.tryParse("web1\n")).isEmpty();
        assertThat(HostKeyEntry.tryParse("web1")).isEmpty();
        assertThat(HostKeyEntry.tryParse(line("web1", A))).contains(HostKeyEntry.of(HostNames.parse("web1"), A));
        assertThat(KnownHosts.tryParse(line("web1", A))).isPresent();
    }

    @Test
    void lenientParsingKeepsBadLinesVerbatim() {
        String text = line("web1", A) + "\nweb2 ssh-ed25519 br!ken\n" + line("web3", B) + "\n";
        ParseResult<KnownHosts> result = KnownHosts.parseLenient(text, "known_hosts");
        assertThat(result.value().render()).isEqualTo(text);
        assertThat(result.diagnostics()).extracting(ParseException::getMessage)
                .containsExactly("known_hosts:2:18: key data is not base64");
        assertThat(result.value().lines().get(1)).isInstanceOf(KnownHostsLine.Invalid.class);
    }

    @Test
    void writesAtomicallyWithOwnerOnlyModes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ssh/known_hosts");
        KnownHosts known = KnownHosts.empty().withHost("web1", 22, A);
        known.write(file);
        assertThat(KnownHosts.read(file)).isEqualTo(known);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }
}
