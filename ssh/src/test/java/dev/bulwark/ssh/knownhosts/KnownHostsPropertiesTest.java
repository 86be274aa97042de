package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.ssh.key.SshPublicKey;
import java.security.SecureRandom;
import dev.bulwark.testing.HostileText;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Fuzzing: hostile input only ever yields a value or a positioned ParseException; round trips hold. */
class KnownHostsPropertiesTest {

    static final SshPublicKey KEY = KnownHostsTest.newKey();

    @Provide
    Arbitrary<String> hostileText() {
        return HostileText.lines(keyLine(), soup());
    }

    /** Fragments of real lines mixed with arbitrary characters, control characters and long runs. */
    Arbitrary<String> soup() {
        return HostileText.soup(List.of("web1", "[web1]:2222", " ", "\t", "\n", "\r", ",", "!", "*", "?",
                "#", "@revoked", "@cert-authority", "@", "|1|", "|", "hybLOT7TYO95Aq6snWo0l/l3xnQ=", KEY.toOpenSsh(),
                KEY.toOpenSsh().substring(12, 40), "ssh-ed25519", "AAAA", "\u0000", "\u00e9", "="), 'a', '|', ' ');
    }

    @Property(tries = 1000)
    void strictParsingYieldsAValueOrAPositionedParseException(@ForAll("hostileText") String text) {
        try {
            KnownHosts known = KnownHosts.parse(text, "fuzz");
            assertThat(known.render()).isEqualTo(text);
            known.verify("web1", 2222, KEY);
            Statistics.collect(known.entries().isEmpty() ? "no keys" : "keys");
        } catch (ParseException e) {
            Statistics.collect("error");
            HostileText.assertPointsInto(e, "fuzz", text);
        }
        Statistics.coverage(c -> {
            c.check("keys").percentage(p -> p > 2);
            c.check("error").percentage(p -> p > 20);
        });
    }

    @Property(tries = 1000)
    void lenientParsingKeepsEveryByte(@ForAll("hostileText") String text) {
        assertThat(KnownHosts.parseLenient(text, "fuzz").value().render()).isEqualTo(text);
    }

    @Provide
    static Arbitrary<String> hostNames() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(20);
    }

    @Property(tries = 2000)
    void wildcardsMatchLikeTheEquivalentRegex(@ForAll("patterns") String pattern, @ForAll("names") String name) {
        String regex = pattern.replace(".", "\\.").replace("?", ".").replace("*", ".*");
        assertThat(new HostPattern(pattern, false).matches(name)).isEqualTo(name.matches(regex));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars('a', 'b', '.', '*', '?').ofMinLength(1).ofMaxLength(10);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars('a', 'b', '.').ofMaxLength(12);
    }

    @Property(tries = 300)
    void hashedEntriesAreFoundForTheirHostAndPortOnly(@ForAll("hostNames") String host,
                                                      @ForAll @IntRange(min = 1, max = 65535) int port) {
        KnownHosts known = KnownHosts.empty().withHashedHost(host, port, KEY, new SecureRandom());
        KnownHosts reread = KnownHosts.parse(known.render());
        assertThat(reread.verify(host.toUpperCase(java.util.Locale.ROOT), port, KEY).trusted()).isTrue();
        assertThat(reread.verify(host + "x", port, KEY)).isEqualTo(new HostKeyStatus.Unknown());
        int other = port == 22 ? 2222 : 22;
        assertThat(reread.verify(host, other, KEY)).isEqualTo(new HostKeyStatus.Unknown());
    }

    static Arbitrary<String> keyLine() {
        Arbitrary<String> pattern = Combinators.combine(Arbitraries.of("", "!"), hostNames(), Arbitraries.of("", "*", "?"))
                .as((neg, name, wild) -> neg + name + wild);
        Arbitrary<String> hosts = Arbitraries.oneOf(pattern.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l)),
                hostNames().map(h -> HostNames.Hashed.of(h, 22, new SecureRandom()).render()));
        return Combinators.combine(Arbitraries.of("", "@revoked ", "@cert-authority "), hosts,
                Arbitraries.of(" ", "\t"), Arbitraries.of("", " comment", "  ")).as((m, h, gap, tail) -> m + h + gap + KEY.toOpenSsh() + tail);
    }

    @Provide
    Arbitrary<String> wellFormedFiles() {
        Arbitrary<String> keyLine = keyLine();
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(5, keyLine), Tuple.of(1, Arbitraries.of("", "# c", "  ")));
        return line.list().ofMaxSize(10).map(l -> String.join("\n", l) + "\n");
    }

    @Property(tries = 500)
    void wellFormedFilesParseStrictlyAndRenderUnchanged(@ForAll("wellFormedFiles") String text) {
        assertThat(KnownHosts.parse(text).render()).isEqualTo(text);
    }
}
