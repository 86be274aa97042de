package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.key.SshPublicKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every writer that takes one host name writes exactly that host: a pattern character, a leading
 * {@code #} or {@code @}, whitespace or a control character would otherwise trust other hosts, turn
 * the line into a comment or an unreadable marker line, or move it to another port.
 */
class KnownHostsLiteralHostTest {

    static final SshPublicKey KEY = KnownHostsTest.newKey();
    static final String HINT = "; to trust a key for a pattern, add "
            + "HostKeyEntry.of(HostNames.parse(\"*.example.org\"), key) with KnownHosts.withEntry";

    /** Each writer that takes a literal host, applied to {@code host} on port 22. */
    static List<Consumer<String>> writers() {
        KnownHosts listed = KnownHosts.parse("web1 " + KEY.toOpenSsh() + "\n");
        return List.of(
                h -> KnownHosts.empty().withHost(h, 22, KEY),
                h -> KnownHosts.empty().withHashedHost(h, 22, KEY, new SecureRandom()),
                h -> listed.withoutHost(h, 22),
                h -> HostNames.Patterns.of(h, 22),
                h -> HostNames.Hashed.of(h, 22, new SecureRandom()));
    }

    @Test
    void aWildcardHostIsRefusedWithWhatToUseInstead() {
        for (Consumer<String> writer : writers()) {
            assertThatThrownBy(() -> writer.accept("*"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("host '*' holds '*', which is a wildcard in known_hosts; this method takes one literal"
                            + " host name or address (the port separately)" + HINT);
        }
    }

    @Test
    void aBracketedHostWouldNameAnotherPortAndIsRefused() {
        for (Consumer<String> writer : writers()) {
            assertThatThrownBy(() -> writer.accept("[a]:1"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessage("host '[a]:1' holds '[', which is part of the [host]:port form in known_hosts; this"
                            + " method takes one literal host name or address (the port separately)" + HINT);
        }
    }

    @Test
    void aLeadingHashOrAtWouldMakeTheLineACommentOrAMarker() {
        for (Consumer<String> writer : writers()) {
            assertThatThrownBy(() -> writer.accept("#x")).isInstanceOf(ValidationException.class)
                    .hasMessage("host '#x' starts with '#', which would make the line a comment; give a host name or address");
            assertThatThrownBy(() -> writer.accept("@revoked")).isInstanceOf(ValidationException.class)
                    .hasMessage("host '@revoked' starts with '@', which would make the line a marker; give a host name"
                            + " or address");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a?", "a,b", "!a", "a]", "|1|x", "a b", "a\tb", "a\u00a0b", "a\u0085b", "a\u001bb", "a\u007fb", ""})
    void everyPatternCharacterWhitespaceAndControlCharacterIsRefusedByEveryWriter(String host) {
        for (Consumer<String> writer : writers()) {
            assertThatThrownBy(() -> writer.accept(host)).isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("host ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web1.example.org", "10.0.0.1", "::1", "fe80::1%eth0", "xn--bcher-kva.example", "a#b", "a@b"})
    void literalNamesAndAddressesAreWrittenAndFoundForTheirHostAndPortOnly(String host) {
        KnownHosts known = KnownHosts.parse(KnownHosts.empty().withHost(host, 2222, KEY)
                .withHashedHost(host, 22, KEY, new SecureRandom()).render());
        assertThat(known.entries()).hasSize(2);
        assertThat(known.verify(host, 2222, KEY)).isEqualTo(new HostKeyStatus.Match(known.entries().get(0)));
        assertThat(known.verify(host, 22, KEY)).isEqualTo(new HostKeyStatus.Match(known.entries().get(1)));
        assertThat(known.verify("bank.example.com", 22, KEY)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(known.verify(host, 2223, KEY)).isEqualTo(new HostKeyStatus.Unknown());
    }

    @Test
    void patternsAreWrittenThroughTheEntryApi() {
        HostKeyEntry entry = HostKeyEntry.of(HostNames.parse("*.example.org,!bad.example.org"), KEY);
        KnownHosts known = KnownHosts.empty().withEntry(entry);
        assertThat(known.render()).isEqualTo("*.example.org,!bad.example.org " + KEY.toOpenSsh() + "\n");
        assertThat(known.verify("git.example.org", 22, KEY).trusted()).isTrue();
        assertThat(known.verify("bad.example.org", 22, KEY)).isEqualTo(new HostKeyStatus.Unknown());
    }

    @Test
    void anUnmarkedEntryMayNotStartWithHashOrAt() {
        assertThatThrownBy(() -> HostKeyEntry.of(HostNames.parse("#x,web1"), KEY))
                .isInstanceOf(ValidationException.class)
                .hasMessage("host list '#x,web1' starts with '#', which would make the line a comment; put another"
                        + " pattern first");
        assertThatThrownBy(() -> HostKeyEntry.of(HostNames.parse("@revoked"), KEY))
                .hasMessage("host list '@revoked' starts with '@', which would make the line a marker line; put another"
                        + " pattern first");
        HostKeyEntry marked = HostKeyEntry.of(Marker.REVOKED, HostNames.parse("#x"), KEY);
        assertThat(KnownHosts.parse(marked.text()).entries()).containsExactly(marked);
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings().withChars("ab.*?[]!,|#@: \t\n\r\u0000\u00a0-").ofMinLength(0).ofMaxLength(8);
    }

    /** Whatever the host, withHost either refuses it or writes a line that trusts the key for that host and port only. */
    @Property(tries = 3000)
    void withHostNeverTrustsAnyOtherHostOrPort(@ForAll("hostile") String host) {
        KnownHosts written;
        try {
            written = KnownHosts.empty().withHost(host, 22, KEY);
        } catch (ValidationException e) {
            return;
        }
        KnownHosts reread = KnownHosts.parse(written.render());
        assertThat(reread.entries()).hasSize(1);
        assertThat(reread.verify(host, 22, KEY).trusted()).isTrue();
        for (String other : List.of("bank.example.com", host + "a", "a" + host, "", "b")) {
            if (!other.equalsIgnoreCase(host)) {
                assertThat(reread.verify(other, 22, KEY)).as(other).isEqualTo(new HostKeyStatus.Unknown());
            }
        }
        for (int port : new int[] {1, 2222}) {
            assertThat(reread.verify(host, port, KEY)).isEqualTo(new HostKeyStatus.Unknown());
        }
    }

    /** withHashedHost either refuses the host or writes one hashed line that matches that host and port only. */
    @Property(tries = 1000)
    void withHashedHostNeverTrustsAnyOtherHostOrPort(@ForAll("hostile") String host) {
        KnownHosts written;
        try {
            written = KnownHosts.empty().withHashedHost(host, 2222, KEY, new SecureRandom());
        } catch (ValidationException e) {
            return;
        }
        KnownHosts reread = KnownHosts.parse(written.render());
        assertThat(reread.lines()).hasSize(1);
        assertThat(reread.verify(host, 2222, KEY).trusted()).isTrue();
        assertThat(reread.verify(host, 22, KEY)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(reread.verify("bank.example.com", 2222, KEY)).isEqualTo(new HostKeyStatus.Unknown());
    }

    /** An entry built from any host field and marker is refused, or renders one line that reads back as the same entry. */
    @Property(tries = 2000)
    void entriesRenderExactlyOneLineThatReadsBackAsTheSameEntry(@ForAll("hostile") String field,
                                                               @ForAll boolean marked) {
        HostKeyEntry entry;
        try {
            HostNames names = HostNames.parse(field);
            entry = marked ? HostKeyEntry.of(Marker.REVOKED, names, KEY) : HostKeyEntry.of(names, KEY);
        } catch (ValidationException e) {
            return;
        }
        KnownHosts reread = KnownHosts.parse(KnownHosts.empty().withEntry(entry).render());
        assertThat(reread.lines()).containsExactly(entry);
        assertThat(reread.entries().get(0).hosts()).isEqualTo(entry.hosts());
        assertThat(reread.entries().get(0).marker()).isEqualTo(entry.marker());
    }
}
