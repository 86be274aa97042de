package dev.bulwark.firewall.parse.internal;

/**
 * One word of a rule line after quote removal.
 *
 * @param text   the word without quotes or escapes
 * @param quoted whether any part was quoted (a quoted word is always a value, never an option)
 * @param column the 1-based column where the word starts
 */
public record Token(String text, boolean quoted, int column) {

    /** Whether this is the option or operator {@code word} (never true for a quoted word). */
    public boolean is(String word) {
        return !quoted && text.equals(word);
    }

    /** Whether this looks like an option ({@code -x} or {@code --xyz}) or a negation. */
    public boolean isOptionLike() {
        return !quoted && (text.equals("!") || (text.length() > 1 && text.charAt(0) == '-'
                && !Character.isDigit(text.charAt(1))));
    }
}
