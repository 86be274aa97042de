package dev.bulwark.ssh.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Fail2banConfigPropertiesTest {

    @Property(tries = 300)
    void arbitraryTextParsesOrFailsWithALine(@ForAll("text") String text) {
        try {
            Fail2banConfig c = Fail2banConfig.parse(text);
            c.audit(List.of(22));
        } catch (ParseException e) {
            assertThat(e.position().line()).isBetween(1, text.split("\n", -1).length);
        }
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> lines = Arbitraries.oneOf(Arbitraries.of("[sshd]", "[DEFAULT]", "enabled = true",
                "bantime = %(x)s", "x = %(bantime)s", "  continued", "maxretry = 99999999999", "findtime = 1h-2h", "#c"),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40));
        return lines.list().ofMaxSize(10).map(l -> String.join("\n", l));
    }
}
