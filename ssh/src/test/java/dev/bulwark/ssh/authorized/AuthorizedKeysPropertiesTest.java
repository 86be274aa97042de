package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Command;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Environment;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.ExpiryTime;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.From;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.PermitListen;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.PermitOpen;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Principals;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Tunnel;
import dev.bulwark.ssh.key.SshPublicKey;
import java.util.ArrayList;
import java.util.List;
import dev.bulwark.testing.HostileText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Fuzzing: hostile input only ever yields a value or a positioned ParseException; round trips hold. */
class AuthorizedKeysPropertiesTest {

    static final SshPublicKey KEY = AuthorizedKeysTest.newKey("fuzz@test");
    static final SshPublicKey OTHER = AuthorizedKeysTest.newKey("");

    /** Text mixing fragments of real lines with arbitrary characters, control characters and long runs. */
    @Provide
    Arbitrary<String> hostileText() {
        return HostileText.lines(keyLine(), soup());
    }

    /** Fragments of real lines mixed with arbitrary characters, control characters and long runs. */
    Arbitrary<String> soup() {
        return HostileText.soup(List.of("ssh-ed25519", " ", "\t", "\n", "\r", "\"", "\\", "\\\"", ",",
                "=", "#", "command=", "from=\"", "restrict", "no-pty", "permitopen=\"", "environment=\"A=b\"",
                "expiry-time=\"", "tunnel=\"", "principals=\"", KEY.toOpenSsh(), KEY.toOpenSsh().substring(12, 40),
                "AAAA", "\u0000", "\u00e9", "ssh-rsa", "sk-ssh-ed25519@openssh.com", "@", "|"), 'a', '"', ' ');
    }

    @Property(tries = 1000)
    void strictParsingYieldsAValueOrAPositionedParseException(@ForAll("hostileText") String text) {
        try {
            AuthorizedKeys file = AuthorizedKeys.parse(text, "fuzz");
            assertThat(file.render()).isEqualTo(text);
            Statistics.collect(file.keys().isEmpty() ? "no keys" : "keys");
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
        ParseResult<AuthorizedKeys> result = AuthorizedKeys.parseLenient(text, "fuzz");
        assertThat(result.value().render()).isEqualTo(text);
        result.value().audit(AuthorizedKeysPolicy.STRICT);
    }

    @Property(tries = 1000)
    void optionParsingYieldsAValueOrAParseExceptionInTheLine(@ForAll("hostileText") String text) {
        try {
            AuthorizedKeyOptions options = AuthorizedKeyOptions.parse(text);
            try {
                assertThat(AuthorizedKeyOptions.parse(options.render())).isEqualTo(options);
            } catch (ValidationException e) {
                // read as sshd reads it, but never written: the text holds a control character
                assertThat(dev.bulwark.ssh.internal.lines.Printable.firstRefused(text, true)).isNotNegative();
            }
        } catch (ParseException e) {
            assertThat(e.position().line()).isEqualTo(1);
            assertThat(e.position().column()).isBetween(1, text.length() + 1);
        }
    }

    @Property(tries = 1000)
    void quotedValuesRoundTripOrAreRefused(@ForAll String value) {
        try {
            Command command = new Command(value);
            AuthorizedKey entry = AuthorizedKey.of(AuthorizedKeyOptions.of(KeyFlag.RESTRICT, command), KEY);
            assertThat(AuthorizedKey.parse(entry.text()).options().command()).contains(value);
            assertThat(AuthorizedKey.parse(entry.text()).key()).isEqualTo(KEY);
        } catch (ValidationException e) {
            assertThat(value).matches(v -> v.contains("\n") || v.contains("\u0000") || v.endsWith("\\")
                    || dev.bulwark.ssh.internal.lines.Printable.firstRefused(v, true) >= 0);
        }
    }

    static Arbitrary<AuthorizedKeyOption> options() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars('.', '*', '?', '-').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30).filter(s -> !s.endsWith("\\"));
        return Arbitraries.oneOf(
                Arbitraries.of(KeyFlag.class),
                text.map(Command::new),
                Combinators.combine(Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(8), text)
                        .as(Environment::new),
                Arbitraries.of("20301231", "20301231Z", "203012312359", "20301231235959Z").map(ExpiryTime::new),
                word.list().ofMinSize(1).ofMaxSize(4).map(From::new),
                Combinators.combine(word, Arbitraries.integers().between(1, 65535)).as((h, p) -> new PermitOpen(h + ":" + p)),
                Arbitraries.integers().between(1, 65535).map(p -> new PermitListen(String.valueOf(p))),
                Arbitraries.integers().between(0, 99).map(n -> new Tunnel(String.valueOf(n))));
    }

    static Arbitrary<String> keyLine() {
        Arbitrary<String> blanks = Arbitraries.of("", " ", "\t", "  \t");
        return Combinators.combine(options().list().ofMaxSize(5), Arbitraries.of(KEY, OTHER),
                        blanks, Arbitraries.of(" ", "\t", "   "), Arbitraries.of("", " trailing", " \t"))
                .as((opts, key, lead, gap, tail) -> {
                    List<AuthorizedKeyOption> unique = new ArrayList<>();
                    for (AuthorizedKeyOption o : opts) {
                        if (unique.stream().noneMatch(u -> u.keyword().equals(o.keyword()))) {
                            unique.add(o);
                        }
                    }
                    String rendered = AuthorizedKeyOptions.of(unique).render();
                    return lead + (rendered.isEmpty() ? "" : rendered + gap) + key.toOpenSsh() + tail;
                });
    }

    @Provide
    Arbitrary<String> wellFormedFiles() {
        Arbitrary<String> blanks = Arbitraries.of("", " ", "\t", "  \t");
        Arbitrary<String> keyLine = keyLine();
        Arbitrary<String> comment = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30).map(s -> "#" + s);
        Arbitrary<String> line = Arbitraries.frequencyOf(Tuple.of(5, keyLine),
                Tuple.of(2, comment), Tuple.of(1, blanks));
        return Combinators.combine(line.list().ofMaxSize(12), Arbitraries.of("\n", "\r\n"), Arbitraries.of(true, false))
                .as((lines, eol, last) -> String.join(eol, lines) + (last && !lines.isEmpty() ? eol : ""));
    }

    @Property(tries = 1000)
    void wellFormedFilesParseStrictlyAndRenderUnchanged(@ForAll("wellFormedFiles") String text) {
        AuthorizedKeys file = AuthorizedKeys.parse(text);
        assertThat(file.render()).isEqualTo(text);
        for (AuthorizedKey entry : file.keys()) {
            assertThat(AuthorizedKey.parse(entry.withOptions(entry.options()).text()).options()).isEqualTo(entry.options());
        }
    }
}
