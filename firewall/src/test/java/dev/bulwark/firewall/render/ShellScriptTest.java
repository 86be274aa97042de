package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ShellScriptTest {

    @Test
    void plainWordsStayBareOthersAreSingleQuoted() {
        assertThat(ShellScript.quote("ufw")).isEqualTo("ufw");
        assertThat(ShellScript.quote("10.0.0.0/8")).isEqualTo("10.0.0.0/8");
        assertThat(ShellScript.quote("")).isEqualTo("''");
        assertThat(ShellScript.quote("a b")).isEqualTo("'a b'");
        assertThat(ShellScript.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellScript.quote("$(reboot)")).isEqualTo("'$(reboot)'");
        assertThat(ShellScript.render(List.of(List.of("ufw", "allow", "22/tcp", "comment", "it's ssh"))))
                .isEqualTo("#!/bin/sh\nset -eu\nufw allow 22/tcp comment 'it'\\''s ssh'\n");
    }

    @Test
    void refusesLineBreaksAndNul() {
        assertThatThrownBy(() -> ShellScript.quote("a\nreboot"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("shell argument contains a line feed at index 1; a command line cannot carry it");
        assertThatThrownBy(() -> ShellScript.quote("a\rb")).hasMessageContaining("a carriage return at index 1");
        assertThatThrownBy(() -> ShellScript.quote("\0")).hasMessageContaining("NUL at index 0");
        assertThatThrownBy(() -> ShellScript.line(List.of())).hasMessage("a command needs at least one argument");
        assertThatThrownBy(() -> ShellScript.quote("a\uD800b"))
                .hasMessage("shell argument contains an unpaired surrogate at index 1; it has no UTF-8 form");
        assertThat(ShellScript.quote("\uD83D\uDE00")).isEqualTo("'\uD83D\uDE00'");
    }

    @Property(tries = 500)
    void everyQuotedLineReadsBackAsExactlyItsWords(@ForAll("hostileWords") List<String> words) {
        String line = ShellScript.line(words);
        assertThat(line).doesNotContain("\n");
        assertThat(PosixWords.split(line)).isEqualTo(words);
    }

    @Property(tries = 60)
    @RequiresTool("sh")
    void realShellReadsBackExactlyTheArguments(@ForAll("hostileWords") List<String> words) throws IOException {
        List<String> command = new ArrayList<>(List.of("show"));
        command.addAll(words);
        String script = "show() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n"
                + ShellScript.render(List.of(command)).replace("#!/bin/sh\n", "");
        assertThat(runShell(script)).isEqualTo(words);
    }

    @Provide
    Arbitrary<List<String>> hostileWords() {
        Arbitrary<String> meta = Arbitraries.of("'", "\"", "\\", "$", "`", ";", "&", "|", "<", ">", "(", ")", "{", "}",
                "*", "?", "[", "]", "!", "#", "~", " ", "\t", "=", "%", "$(id)", "'\\''", "é", "\u2028", "\u00a0");
        Arbitrary<String> any = Arbitraries.strings().withCharRange('\u0001', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD').ofMaxLength(12)
                .filter(s -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0);
        Arbitrary<String> mixed = Arbitraries.oneOf(meta, any, Arbitraries.strings().alpha().ofMaxLength(4))
                .list().ofMaxSize(6).map(parts -> String.join("", parts));
        return mixed.list().ofMinSize(1).ofMaxSize(5);
    }

    static List<String> runShell(String script) throws IOException {
        Process p = new ProcessBuilder(Tools.path("sh"), "-c", script).redirectErrorStream(false).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("sh failed: " + err);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
