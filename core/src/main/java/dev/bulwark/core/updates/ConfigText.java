package dev.bulwark.core.updates;

import dev.bulwark.core.ValidationException;

/** Checks values before they are written into a config file. Not API. */
final class ConfigText {

    private static final int MAX_LENGTH = 200;

    private ConfigText() {
    }

    /**
     * Checks a value for a quoted apt.conf string: printable ASCII without {@code "}, {@code ;} or
     * backslash, so it can neither end the string nor start a statement, even if a reader mishandled
     * quotes. ({@code ${distro_codename}} braces are fine inside the quotes.)
     */
    static String checkAptString(String field, String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new ValidationException(field + " must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == ';' || c == '\\') {
                throw new ValidationException(field + " '" + printable(value) + "' contains '" + printable(String.valueOf(c))
                        + "', which cannot be written into an apt.conf string");
            }
        }
        return value;
    }

    /** Text made printable for a message: control and non-ASCII characters escaped, long text elided. */
    static String printable(String text) {
        return printable(text, 80);
    }

    /** {@code text} with control and non-ASCII characters escaped, cut after {@code max} characters. */
    static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > max ? out + "..." : out.toString();
    }
}
