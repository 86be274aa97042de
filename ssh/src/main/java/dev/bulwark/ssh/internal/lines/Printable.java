package dev.bulwark.ssh.internal.lines;

import dev.bulwark.core.ValidationException;

/**
 * The rule for caller text that Bulwark writes into a line of a file: no control character (a
 * tab where the caller allows it), no Unicode line or paragraph separator and no unpaired
 * surrogate (it has no UTF-8 form), so that no value ever ends its line or starts another, and
 * none is changed on the way out. Not API.
 */
public final class Printable {

    private Printable() {
    }

    /** The index of the first character the rule refuses, or -1. */
    public static int firstRefused(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(tabAllowed && c == '\t') || c == '\u2028' || c == '\u2029') {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i; // an unpaired surrogate has no UTF-8 form: it would be written as '?'
            }
        }
        return -1;
    }

    /**
     * Refuses {@code text} when it holds a character the rule refuses, naming {@code field}, the
     * character and its 1-based position (never the text itself, which may be long or hostile).
     *
     * @return {@code text}
     * @throws ValidationException naming the field and the character
     */
    public static String check(String field, String text, boolean tabAllowed) {
        int at = firstRefused(text, tabAllowed);
        if (at >= 0) {
            String what = Character.isSurrogate(text.charAt(at)) ? "unpaired surrogate" : "control character";
            throw new ValidationException(field + ": " + what + " U+" + String.format("%04X", (int) text.charAt(at))
                    + " at character " + (at + 1) + "; Bulwark writes only printable text on one line");
        }
        return text;
    }
}
