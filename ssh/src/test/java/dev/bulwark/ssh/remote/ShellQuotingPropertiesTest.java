package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.junit.jupiter.api.Test;

/** Every quoted argument reaches a real POSIX shell as exactly one word with its exact text. */
class ShellQuotingPropertiesTest {

    @Provide
    Arbitrary<List<String>> hostileArguments() {
        Arbitrary<String> nasty = Arbitraries.strings().withChars("'\"\\$`;&|<>()*?[]{}~#!% \t\n\r=-^,:@")
                .ofMaxLength(12);
        Arbitrary<String> any = Arbitraries.strings().all().excludeChars('\0').ofMaxLength(12)
                .filter(s -> s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        return Arbitraries.oneOf(nasty, any).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 200)
    @Tag("interop")
    void theShellSeesEachArgumentExactly(@ForAll("hostileArguments") List<String> arguments) throws Exception {
        if (!new java.io.File("/bin/sh").canExecute()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("printf", "%s\\0"));
        command.addAll(arguments);
        Process p = new ProcessBuilder("/bin/sh", "-c", ShellQuoting.join(command)).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        List<String> seen = new ArrayList<>();
        String all = new String(out, StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i < all.length(); i++) {
            if (all.charAt(i) == '\0') {
                seen.add(all.substring(start, i));
                start = i + 1;
            }
        }
        assertThat(seen).isEqualTo(arguments);
    }

    @Property
    void plainWordsStayAsTheyAreAndOthersAreSingleQuoted(@ForAll("hostileArguments") List<String> arguments) {
        for (String a : arguments) {
            String q = ShellQuoting.quote(a);
            assertThat(q.equals(a) || q.startsWith("'") && q.endsWith("'")).isTrue();
            assertThat(q).doesNotContain("\0");
        }
    }

    @Test
    void quotesExamplesAsDocumented() {
        assertThat(ShellQuoting.join(List.of("printf", "%s", "it's $HOME"))).isEqualTo("printf %s 'it'\\''s $HOME'");
        assertThat(ShellQuoting.quote("")).isEqualTo("''");
        assertThat(ShellQuoting.quote("a=b")).isEqualTo("'a=b'");
        assertThat(ShellQuoting.quote("~root")).isEqualTo("'~root'");
    }

    @Test
    void refusesNul() {
        assertThatThrownBy(() -> ShellQuoting.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an argument contains a NUL character, which no command line can carry");
    }
}
