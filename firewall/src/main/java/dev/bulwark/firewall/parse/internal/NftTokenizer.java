package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code nft list ruleset} text into tokens: words, double-quoted strings, the punctuation
 * {@code { } , ;} and {@code \n} (a statement end outside braces). {@code #} starts a comment to
 * the end of the line. Not API.
 */
final class NftTokenizer {

    /**
     * A token with its position.
     *
     * @param text   the word, string (unquoted) or punctuation
     * @param quoted whether it was a quoted string
     * @param line   1-based line
     * @param column 1-based column
     */
    record Tok(String text, boolean quoted, int line, int column) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }
    }

    private NftTokenizer() {
    }

    static List<Tok> tokenize(String source, String text) {
        List<Tok> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                if (depth == 0) {
                    out.add(new Tok("\n", false, line, col));
                }
                line++;
                lineStart = ++i;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\n') {
                    j++;
                }
                if (j >= text.length() || text.charAt(j) != '"') {
                    throw new ParseException(new Position(source, line, col), "unterminated string", text.substring(i, j));
                }
                out.add(new Tok(text.substring(i + 1, j), true, line, col));
                i = j + 1;
            } else if (c == '{' || c == '}' || c == ',' || c == ';') {
                if (c == '{') {
                    depth = nestedSet(out) ? depth + 1 : depth;
                } else if (c == '}' && depth > 0) {
                    depth--;
                }
                out.add(new Tok(String.valueOf(c), false, line, col));
                i++;
            } else if (c < 0x20 || c == 0x7f) {
                throw new ParseException(new Position(source, line, col),
                        String.format("control character U+%04X is not allowed", (int) c), null);
            } else {
                int j = i;
                while (j < text.length() && " \t\r\n{},;\"#".indexOf(text.charAt(j)) < 0 && text.charAt(j) >= 0x20) {
                    j++;
                }
                out.add(new Tok(text.substring(i, j), false, line, col));
                i = j;
            }
        }
        out.add(new Tok("\n", false, line, i - lineStart + 1));
        return out;
    }

    /** Whether a {@code {} here opens a set of values (inside a statement), not a block. */
    private static boolean nestedSet(List<Tok> before) {
        int k = before.size() - 1;
        while (k >= 0 && !before.get(k).is("\n") && !before.get(k).is("{") && !before.get(k).is("}")
                && !before.get(k).is(";")) {
            k--;
        }
        int words = before.size() - k - 1;
        if (words == 0) {
            return false;
        }
        String first = before.get(k + 1).text();
        String second = words > 1 ? before.get(k + 2).text() : "";
        boolean block = first.equals("table") && words == 3
                || List.of("chain", "set", "map", "flowtable", "counter", "quota", "limit", "secmark", "synproxy")
                        .contains(first) && words == 2
                || first.equals("ct") && words == 3 && List.of("helper", "timeout", "expectation").contains(second);
        return !block;
    }
}
