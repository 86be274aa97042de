package dev.bulwark.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.authorized.AuthorizedKey;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption;
import dev.bulwark.ssh.authorized.AuthorizedKeyOptions;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No writer of the module ever puts a line or field into its output that the caller did not ask
 * for: each text field, given arbitrary text (line feeds, carriage returns, NUL, escape and other
 * control characters, Unicode separators, quotes, commas, key-shaped text), is either refused with
 * a {@link ValidationException} naming the field, or written as exactly one line that parses back
 * to one entry holding the same value. (sshd_config values and fail2ban ports are covered by
 * {@code SshdConfigPropertiesTest} and {@code Fail2banConfigPropertiesTest}.)
 */
class WritersPropertiesTest {

    private static final SshKeyPair CA = SshKeyPair.generate();
    private static final SshPublicKey KEY = SshKeyPair.generate().publicKey().withComment("");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> nasty = Arbitraries.of('\n', '\r', '\u0000', '\t', '\u000b', '\f', '\u001b', '\u007f',
                '\u0085', '\u2028', '\u2029', '"', '\\', ',', ' ', '#', '=', 'a', 'Z', '0', '\u00e9');
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(nasty.sample(), nasty.sample(), nasty.sample(), nasty.sample())
                        .ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)
                        .map(w -> w + "\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJc9SW1NDxaqRrEasrHsih6goryCk6j7225tVjJlEWJJ evil"),
                Arbitraries.of("x\r\nsecond", "a\u2028b", "ok", "two words", "tab\there", "q\"uote", "end\\"));
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static void oneLine(String text) {
        assertThat(text).doesNotContain("\n", "\r", "\u0000", "\u2028", "\u2029");
        assertThat(text.chars().filter(c -> Character.isISOControl(c) && c != '\t')).isEmpty();
    }

    private static void refusedNaming(ValidationException e, String field) {
        String camel = field.equals("force-command") ? "forceCommand" : field;
        assertThat(e.getMessage()).matches(m -> m.startsWith(field) || m.startsWith(camel), "names " + field);
    }

    @Property(tries = 400)
    void certificateFieldsAreRefusedOrRoundTripOnOneLine(@ForAll("hostile") String text) {
        check(text, "keyId", v -> SshCertificate.builder(CA, KEY).keyId(v).principals("p").build(),
                SshCertificate::keyId);
        check(text, "comment", v -> SshCertificate.builder(CA, KEY).keyId("k").principals("p").comment(v).build(),
                SshCertificate::comment);
        check(text, "principals", v -> SshCertificate.builder(CA, KEY).keyId("k").principals(v).build(),
                c -> c.principals().get(0));
        check(text, "force-command", v -> SshCertificate.builder(CA, KEY).keyId("k").forceCommand(v).build(),
                c -> c.criticalOptions().get("force-command"));
        check(text, "extensions", v -> SshCertificate.builder(CA, KEY).keyId("k").extension(v).build(),
                c -> c.extensions().keySet().iterator().next());
    }

    private static void check(String value, String field, Function<String, SshCertificate> build,
                              Function<SshCertificate, String> read) {
        SshCertificate cert;
        try {
            cert = build.apply(value);
        } catch (ValidationException e) {
            refusedNaming(e, field);
            return;
        }
        oneLine(cert.toOpenSsh());
        SshCertificate back = SshCertificate.parse(cert.toOpenSsh());
        assertThat(back).isEqualTo(cert);
        String expected = field.equals("comment") ? value.strip() : value;
        assertThat(read.apply(back)).as("%s of %s", field, escaped(value)).isEqualTo(expected);
        String listing = cert.toListing(java.time.ZoneOffset.UTC);
        assertThat(listing.chars().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\t')).isEmpty();
    }

    @Property(tries = 400)
    void keyCommentsAreRefusedOrRoundTripOnOneLine(@ForAll("hostile") String comment) {
        SshPublicKey key;
        try {
            key = KEY.withComment(comment);
        } catch (ValidationException e) {
            refusedNaming(e, "comment");
            return;
        }
        oneLine(key.toOpenSsh());
        assertThat(SshPublicKey.parse(key.toOpenSsh()).comment()).isEqualTo(comment.strip());
        assertThat(SshPublicKey.parse(key.toRfc4716()).comment()).isEqualTo(comment);
        AuthorizedKeys file = AuthorizedKeys.empty().withKey(key);
        assertThat(file.render().lines()).hasSize(1);
        assertThat(AuthorizedKeys.parse(file.render()).keys()).singleElement()
                .satisfies(k -> assertThat(k.comment()).isEqualTo(comment.strip()));
    }

    @Property(tries = 400)
    void authorizedKeyOptionValuesAreRefusedOrStayInsideTheirQuotes(@ForAll("hostile") String value) {
        List<Function<String, AuthorizedKeyOption>> kinds = List.of(AuthorizedKeyOption.Command::new,
                v -> new AuthorizedKeyOption.Environment("NAME", v), v -> new AuthorizedKeyOption.From(List.of(v)),
                v -> new AuthorizedKeyOption.Principals(List.of(v)), AuthorizedKeyOption.PermitOpen::new);
        for (Function<String, AuthorizedKeyOption> kind : kinds) {
            AuthorizedKey entry;
            AuthorizedKeyOption option;
            try {
                option = kind.apply(value);
                entry = AuthorizedKey.of(AuthorizedKeyOptions.of(option), KEY);
            } catch (ValidationException e) {
                continue;
            }
            oneLine(entry.text());
            AuthorizedKeys back = AuthorizedKeys.parse(entry.text() + "\n");
            assertThat(back.lines()).hasSize(1);
            assertThat(back.keys()).singleElement().satisfies(k -> {
                assertThat(k.options().asList()).containsExactly(option);
                assertThat(k.key()).isEqualTo(KEY);
            });
        }
    }
}
