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

    /**
     * A complete script of lines already built by this class ({@link #line}, {@link #forEachWord},
     * {@link #forEachLine}, {@link #ifSucceeds}, {@link #unlessSucceeds}): {@code #!/bin/sh}, {@code set -eu}, the lines.
     */
    static String renderLines(List<String> lines) {
        StringBuilder out = new StringBuilder("#!/bin/sh\nset -eu\n");
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * One line that runs {@code command} once for each white-space separated word that
     * {@code list} prints, the word appended to {@code lastArgumentPrefix} as the last argument:
     * {@code items=$(list); for item in $items; do command prefix"$item"; done}. The assignment
     * comes first so that {@code set -e} stops the script when {@code list} fails; the script must
     * have run {@code set -f} so that a listed word is never a glob pattern.
     */
    static String forEachWord(List<String> list, List<String> command, String lastArgumentPrefix) {
        return "items=$(" + line(list) + "); for item in $items; do " + line(command) + " "
                + quote(lastArgumentPrefix) + "\"$item\"; done";
    }

    /**
     * One line that runs {@code command} once for each non-empty line that {@code list} prints
     * (lines may hold spaces and quotes: {@code while IFS= read -r line}), the line appended to
     * {@code lastArgumentPrefix} as the last argument, except a line equal to {@code keep}.
     */
    static String forEachLine(List<String> list, List<String> command, String lastArgumentPrefix, String keep) {
        return "lines=$(" + line(list) + "); printf '%s\\n' \"$lines\" | while IFS= read -r line; do"
                + " if [ -n \"$line\" ] && [ \"$line\" != " + quote(keep) + " ]; then " + line(command) + " "
                + quote(lastArgumentPrefix) + "\"$line\"; fi; done";
    }

    /** One line: {@code if condition >/dev/null 2>&1; then command; fi}. */
    static String ifSucceeds(List<String> condition, List<String> command) {
        return "if " + line(condition) + " >/dev/null 2>&1; then " + line(command) + "; fi";
    }

    /** One line: {@code if ! condition >/dev/null 2>&1; then command; fi}. */
    static String unlessSucceeds(List<String> condition, List<String> command) {
        return "if ! " + line(condition) + " >/dev/null 2>&1; then " + line(command) + "; fi";
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
