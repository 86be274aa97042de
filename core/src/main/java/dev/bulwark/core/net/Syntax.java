package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;

/** Positioned parse errors for the network value parsers. Not API. */
final class Syntax {

    private Syntax() {
    }

    /** The default origin of text given directly. */
    static final Position STRING = Position.inString(1, 1);

    /** An error at {@code index} (0-based) into {@code text}, which starts at {@code origin}. */
    static ParseException error(Position origin, int index, String reason, String text) {
        Position at = new Position(origin.source(), origin.line(), origin.column() + index);
        return new ParseException(at, reason, text);
    }

    /** {@code origin} moved {@code index} characters to the right. */
    static Position shift(Position origin, int index) {
        return new Position(origin.source(), origin.line(), origin.column() + index);
    }

    /** Whether {@code text} is 1 to {@code max} ASCII digits. */
    static boolean isDigits(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code text} made printable for a message: control and non-ASCII characters escaped, at most 40 shown. */
    static String printable(CharSequence text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (i == 40) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text[start, end)} made printable like {@link #printable(CharSequence)}, reading at
     * most 41 of its characters whatever its length.
     */
    static String printable(String text, int start, int end) {
        return printable(text.subSequence(start, Math.min(end, start + 41)));
    }

    /** One character made printable, see {@link #printable(CharSequence)}. */
    static String printable(char c) {
        return printable(String.valueOf(c));
    }
}
