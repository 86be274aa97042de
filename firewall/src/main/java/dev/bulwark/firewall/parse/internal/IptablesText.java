package dev.bulwark.firewall.parse.internal;

/** Quoting of words the way {@code iptables-save} prints them. Not API. */
public final class IptablesText {

    private IptablesText() {
    }

    /** The word, double-quoted with {@code \} and {@code "} escaped when it is empty or has blanks or quotes. */
    public static String quoteIfNeeded(String word) {
        boolean plain = !word.isEmpty();
        for (int i = 0; i < word.length() && plain; i++) {
            char c = word.charAt(i);
            plain = c != ' ' && c != '\t' && c != '"' && c != '\\' && c != '\'';
        }
        if (plain) {
            return word;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
