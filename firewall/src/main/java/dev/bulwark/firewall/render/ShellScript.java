package dev.bulwark.firewall.render;

import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Renders argument lists as a POSIX {@code sh} script: one command a line, every argument passed
 * through the single quoting function {@link #quote(String)}. Commands are built as
 * {@code List<String>} first; this class is the only place where they become text.
 *
 * <pre>{@code
 * ShellScript.render(List.of(List.of("ufw", "allow", "22/tcp", "comment", "it's ssh")));
 * // #!/bin/sh
 * // set -eu
 * // ufw allow 22/tcp comment 'it'\''s ssh'
 * }</pre>
 */
public final class ShellScript {

    /** Characters that never need quoting in any POSIX shell context where a word appears. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellScript() {
    }

    /**
     * Quotes one argument so that {@code sh} reads it back as exactly one word with exactly these
     * characters. Plain words are left alone; anything else is put in single quotes, each
     * {@code '} becoming {@code '\''}. A NUL cannot be part of an argument, a line break would
     * split the script's one-command-a-line layout and an unpaired surrogate has no UTF-8 form, so
     * all three are refused.
     *
     * @throws ValidationException if {@code argument} contains NUL, CR, LF or an unpaired surrogate
     */
    public static String quote(String argument) {
        Objects.requireNonNull(argument, "argument");
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\0' || c == '\n' || c == '\r') {
                throw new ValidationException("shell argument contains " + describe(c) + " at index " + i
                        + "; a command line cannot carry it");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < argument.length()
                        && Character.isLowSurrogate(argument.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new ValidationException("shell argument contains an unpaired surrogate at index " + i
                        + "; it has no UTF-8 form");
            }
        }
        if (PLAIN.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** One command as a shell line (no trailing newline): each argument {@linkplain #quote quoted}, joined by spaces. */
    public static String line(List<String> command) {
        if (command.isEmpty()) {
            throw new ValidationException("a command needs at least one argument");
        }
        StringBuilder out = new StringBuilder();
        for (String argument : command) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(argument));
        }
        return out.toString();
    }

    /** A complete script: {@code #!/bin/sh}, {@code set -eu}, then one {@linkplain #line line} per command. */
    public static String render(List<List<String>> commands) {
        StringBuilder out = new StringBuilder("#!/bin/sh\nset -eu\n");
        for (List<String> command : commands) {
            out.append(line(command)).append('\n');
        }
        return out.toString();
    }

    static String describe(char c) {
        switch (c) {
            case '\0':
                return "NUL";
            case '\n':
                return "a line feed";
            case '\r':
                return "a carriage return";
            default:
                return String.format("U+%04X", (int) c);
        }
    }
}
