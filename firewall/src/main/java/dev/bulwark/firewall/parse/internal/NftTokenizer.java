package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits text in nft(8)'s grammar into tokens: words, double-quoted strings (nft has no escapes
 * inside them; a string ends at the next quote and may not span lines), the punctuation
 * {@code { } , ; ( )}, the operators {@code | & ^} (words of their own even when unspaced) and
 * line ends. {@code #} starts a comment to the end of the line (so the
 * {@code # handle 4} of {@code nft -a} disappears), a backslash before a line end continues the
 * line. {@code define name = value} lines are taken out and {@code $name} is replaced by the
 * value's tokens; {@code include} is refused, for a parser does not read files. Not API.
 */
final class NftTokenizer {

    /** The most tokens that variables may expand to, against definitions that double at each level. */
    static final int MAX_TOKENS = 1_000_000;

    /** What a token is. */
    enum Kind { WORD, STRING, PUNCT, NEWLINE, END }

    /**
     * A token with its position.
     *
     * @param kind        what it is
     * @param text        the word, string (unquoted) or punctuation
     * @param line        1-based line
     * @param column      1-based column
     * @param spaceBefore whether blank space separates it from the token before
     */
    record Tok(Kind kind, String text, int line, int column, boolean spaceBefore) {
        boolean is(String s) {
            return kind != Kind.STRING && kind != Kind.END && text.equals(s);
        }

        boolean isWord() {
            return kind == Kind.WORD;
        }

        boolean ends() {
            return kind == Kind.NEWLINE || kind == Kind.END || kind == Kind.PUNCT && (text.equals(";") || text.equals("}"));
        }

        Tok at(Tok use) {
            return new Tok(kind, text, use.line, use.column, use.spaceBefore);
        }
    }

    private NftTokenizer() {
    }

    static List<Tok> tokenize(String source, String text) {
        return expand(source, lex(source, text));
    }

    private static List<Tok> lex(String source, String text) {
        List<Tok> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        boolean space = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            int col = i - lineStart + 1;
            if (c == '\n') {
                out.add(new Tok(Kind.NEWLINE, "\n", line, col, space));
                line++;
                lineStart = ++i;
                space = true;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                space = true;
            } else if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '\n'
                    || text.charAt(i + 1) == '\r' && i + 2 < text.length() && text.charAt(i + 2) == '\n')) {
                i = text.indexOf('\n', i) + 1;
                line++;
                lineStart = i;
                space = true;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                // a comment runs to the line's end: the newline after it has no blank before it
                space = false;
            } else if (c == '"') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\n') {
                    j++;
                }
                if (j >= text.length() || text.charAt(j) != '"') {
                    throw new ParseException(new Position(source, line, col), "unterminated string", text.substring(i, j));
                }
                String s = text.substring(i + 1, j);
                for (int k = 0; k < s.length(); k++) {
                    if (s.charAt(k) < 0x20 && s.charAt(k) != '\t' || s.charAt(k) == 0x7f) {
                        throw control(source, line, col + 1 + k, s.charAt(k));
                    }
                }
                out.add(new Tok(Kind.STRING, s, line, col, space));
                i = j + 1;
                space = false;
            } else if ("{},;()".indexOf(c) >= 0) {
                out.add(new Tok(Kind.PUNCT, String.valueOf(c), line, col, space));
                i++;
                space = false;
            } else if (c == '|' || c == '&' || c == '^') {
                out.add(new Tok(Kind.WORD, String.valueOf(c), line, col, space));
                i++;
                space = false;
            } else if (c < 0x20 || c == 0x7f) {
                throw control(source, line, col, c);
            } else {
                int j = i;
                while (j < text.length() && " \t\r\n{},;()\"#|&^".indexOf(text.charAt(j)) < 0 && text.charAt(j) >= 0x20
                        && text.charAt(j) != 0x7f) {
                    j++;
                }
                out.add(new Tok(Kind.WORD, text.substring(i, j), line, col, space));
                i = j;
                space = false;
            }
        }
        out.add(new Tok(Kind.END, "end of text", line, i - lineStart + 1, true));
        return out;
    }

    private static ParseException control(String source, int line, int col, char c) {
        return new ParseException(new Position(source, line, col),
                String.format("control character U+%04X is not allowed", (int) c), null);
    }

    private static ParseException error(String source, Tok t, String reason) {
        return new ParseException(new Position(source, t.line(), t.column()), reason, t.text());
    }

    /** Takes out {@code define} lines and replaces {@code $name}; refuses {@code include}. */
    private static List<Tok> expand(String source, List<Tok> in) {
        Map<String, List<Tok>> vars = new HashMap<>();
        List<Tok> out = new ArrayList<>();
        boolean lineStart = true;
        for (int i = 0; i < in.size(); i++) {
            Tok t = in.get(i);
            if (lineStart && t.isWord() && (t.text().equals("define") || t.text().equals("redefine"))) {
                Tok name = in.get(++i);
                if (!name.isWord() || !in.get(i + 1).is("=")) {
                    throw error(source, t, "expected 'define name = value'");
                }
                i += 2;
                List<Tok> value = new ArrayList<>();
                int depth = 0;
                for (; !(in.get(i).kind() == Kind.END || depth == 0 && (in.get(i).kind() == Kind.NEWLINE
                        || in.get(i).is(";"))); i++) {
                    Tok v = in.get(i);
                    depth += v.is("{") ? 1 : v.is("}") ? -1 : 0;
                    if (v.kind() != Kind.NEWLINE) {
                        substitute(source, vars, v, value);
                    }
                }
                if (value.isEmpty()) {
                    throw error(source, name, "variable '" + name.text() + "' has no value");
                }
                vars.put(name.text(), value);
                i--;
                continue;
            }
            if (lineStart && t.isWord() && t.text().equals("undefine")) {
                vars.remove(in.get(++i).text());
                continue;
            }
            if (lineStart && t.isWord() && t.text().equals("include")) {
                throw error(source, t, "'include' is not followed: a parser reads no files; pass the included text itself");
            }
            substitute(source, vars, t, out);
            lineStart = t.kind() == Kind.NEWLINE || t.is(";") || t.is("{") || t.is("}");
        }
        return out;
    }

    private static void substitute(String source, Map<String, List<Tok>> vars, Tok t, List<Tok> out) {
        if (t.isWord() && t.text().startsWith("$")) {
            List<Tok> value = vars.get(t.text().substring(1));
            if (value == null) {
                throw error(source, t, "variable '" + t.text() + "' is not defined");
            }
            if (out.size() + value.size() > MAX_TOKENS) {
                throw error(source, t, "variables expand to more than " + MAX_TOKENS + " tokens");
            }
            for (int k = 0; k < value.size(); k++) {
                Tok v = value.get(k);
                out.add(k == 0 ? v.at(t) : new Tok(v.kind(), v.text(), t.line(), t.column(), v.spaceBefore()));
            }
            return;
        }
        if (out.size() >= MAX_TOKENS) {
            throw error(source, t, "more than " + MAX_TOKENS + " tokens");
        }
        out.add(t);
    }
}
