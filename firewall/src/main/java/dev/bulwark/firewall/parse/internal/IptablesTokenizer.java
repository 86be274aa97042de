package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code iptables-save} line into words the way {@code iptables-restore} does: blanks
 * separate words, double quotes group (and may start mid-word), and inside quotes a backslash makes
 * the next character literal. Not API.
 */
public final class IptablesTokenizer {

    private IptablesTokenizer() {
    }

    /** The words of {@code line}; throws on an unterminated quote or a control character. */
    public static List<Token> tokenize(String line, String source, int lineNumber) {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        boolean inQuote = false;
        int start = 0;
        int quoteStart = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new ParseException(new Position(source, lineNumber, i + 1),
                        String.format("control character U+%04X is not allowed", (int) c), line);
            }
            if (inQuote) {
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    inQuote = false;
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    out.add(new Token(word.toString(), quoted, start + 1));
                    word.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                continue;
            }
            if (!inWord) {
                inWord = true;
                start = i;
            }
            if (c == '"') {
                inQuote = true;
                quoted = true;
                quoteStart = i;
            } else {
                word.append(c);
            }
        }
        if (inQuote) {
            throw new ParseException(new Position(source, lineNumber, quoteStart + 1), "unterminated quote", line);
        }
        if (inWord) {
            out.add(new Token(word.toString(), quoted, start + 1));
        }
        return out;
    }
}
