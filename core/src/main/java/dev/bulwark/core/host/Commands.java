package dev.bulwark.core.host;

import dev.bulwark.core.ValidationException;
import java.util.List;

/** Shared checks and display of command lines. Not API. */
final class Commands {

    private static final int MAX_SHOWN = 200;

    private Commands() {
    }

    /** Checks a command line: not empty, no empty program, no NUL characters. */
    static List<String> check(List<String> command) {
        List<String> copy = List.copyOf(command);
        if (copy.isEmpty()) {
            throw new ValidationException("empty command");
        }
        if (copy.get(0).isEmpty()) {
            throw new ValidationException("empty program name");
        }
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).indexOf('\0') >= 0) {
                throw new ValidationException("argument " + i + " of " + copy.get(0)
                        + " contains a NUL character, which no command line can carry");
            }
        }
        return copy;
    }

    /** The command joined by spaces, control characters escaped, elided after a few hundred characters. */
    static String display(List<String> command) {
        return printable(String.join(" ", command));
    }

    /** Text made one printable line: control characters escaped, long text elided. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_SHOWN) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
