package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SshdConfigPropertiesTest {

    @Property(tries = 500)
    void arbitraryTextYieldsAConfigOrAPositionedParseException(@ForAll("hostileText") String text) {
        try {
            SshdConfig c = SshdConfig.parse(text);
            assertThat(c.render()).isEqualTo(text);
            c.audit();
            c.effective(ConnectionSpec.of("root", "h", "10.0.0.1")).render();
        } catch (ParseException e) {
            int lines = text.split("\n", -1).length;
            assertThat(e.position().line()).isBetween(1, lines);
            assertThat(e.getMessage()).startsWith("sshd_config:" + e.position().line() + ":");
        }
    }

    @Property(tries = 300)
    void lenientParseNeverThrowsAndKeepsTheText(@ForAll("hostileText") String text) {
        assertThat(SshdConfig.parseLenient(text).value().render()).isEqualTo(text);
    }

    @Property(tries = 300)
    void editedValuesAreValidatedOrWrittenAsOneLine(@ForAll("hostileValue") String value) {
        SshdConfig c = SshdConfig.parse("PermitRootLogin no\nMatch User bob\n  X11Forwarding no\n");
        try {
            SshdConfig after = c.set(Placement.global(), SshdKeyword.BANNER, value).after();
            assertThat(after.render().split("\n")).hasSize(4);
            assertThat(after.effective().value(SshdKeyword.BANNER)).contains(value);
        } catch (ValidationException e) {
            assertThat(e.getMessage()).startsWith("value for Banner must");
        }
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> keywordLines = Arbitraries.of("PermitRootLogin no", "Match User bob", "Match Address 10.0.0.0/8",
                "Port 22", "AllowUsers a b", "Ciphers +aes128-cbc", "Include x", "  X11Forwarding yes", "# c", "",
                "LoginGraceTime 1m", "Subsystem sftp /x", "Banner \"a b\"", "Match all", "MaxAuthTries 99999999999");
        Arbitrary<String> noise = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(80);
        Arbitrary<String> line = Arbitraries.oneOf(keywordLines, noise, keywordLines.map(l -> l + " \"'#=\t"));
        return line.list().ofMaxSize(12).map(l -> String.join("\n", l));
    }

    @Provide
    Arbitrary<String> hostileValue() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(30),
                Arbitraries.strings().alpha().numeric().withChars('/', '.', '-').ofMinLength(1).ofMaxLength(30));
    }
}
