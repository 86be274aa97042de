package dev.bulwark.ssh.remote;

import java.util.List;
import java.util.Objects;

/**
 * Quoting of argument lists for a remote POSIX shell, which is what an SSH server hands a command
 * line to. Every argument comes out as one word with its exact bytes: plain words (letters, digits and {@code _./:@%+,-}) stay as they are,
 * anything else is wrapped in single quotes, with each {@code '} written as {@code '\''}. No
 * character (newline, {@code ;}, {@code $}, backquote, {@code *}) keeps a meaning to the shell.
 *
 * <pre>{@code
 * ShellQuoting.join(List.of("printf", "%s", "it's $HOME")) // printf %s 'it'\''s $HOME'
 * }</pre>
 */
public final class ShellQuoting {

    private ShellQuoting() {
    }

    /**
     * One argument as a single shell word.
     *
     * @throws IllegalArgumentException when it contains a NUL character, which no command line can carry
     */
    public static String quote(String argument) {
        Objects.requireNonNull(argument, "argument");
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument contains a NUL character, which no command line can carry");
        }
        if (!argument.isEmpty() && isPlain(argument)) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** The arguments quoted and joined by spaces. */
    public static String join(List<String> arguments) {
        StringBuilder out = new StringBuilder();
        for (String a : arguments) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quote(a));
        }
        return out.toString();
    }

    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "_./:@%+,-".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
