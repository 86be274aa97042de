package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Arrays;

/**
 * The words of one {@code iptables-save} line, split the way {@code iptables-restore} does: blanks
 * separate words, double quotes group (and may start mid-word), and inside quotes a backslash makes
 * the next character literal. One instance is reused for every line of a text: words are kept as
 * offsets into the line, and a word's text is cut out only when asked for (a known keyword is not
 * cut out at all, see {@link Words}). Every step is linear in the line's length. Not API.
 */
final class IptablesLine {

    private static final String[] NO_TEXT = new String[0];

    private String line = "";
    private int count;
    private int[] start = new int[32];
    private int[] end = new int[32];
    private boolean[] quoted = new boolean[32];
    private String[] text = new String[32];
    private final StringBuilder word = new StringBuilder();
    /**
     * The last words cut out, by hash: a chain name, an interface or a rate that recurs is cut out
     * once. Direct-mapped, so a lookup is one comparison whatever the input.
     */
    private final String[] recent = new String[256];

    /** Splits {@code line}; throws on an unterminated quote or a control character. */
    void tokenize(String line, String source, int lineNumber) {
        this.line = line;
        Arrays.fill(text, 0, count, null);
        count = 0;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int from = i;
            boolean anyQuote = false;
            // the plain part of the word, if any, needs no copying
            while (i < n) {
                c = line.charAt(i);
                if (c == ' ' || c == '\t' || c == '"') {
                    break;
                }
                if (c < 0x20 || c == 0x7f) {
                    throw control(source, lineNumber, i, c);
                }
                i++;
            }
            String decoded = null;
            if (i < n && line.charAt(i) == '"') {
                anyQuote = true;
                word.setLength(0);
                word.append(line, from, i);
                i = quotedWord(line, i, source, lineNumber);
                decoded = word.toString();
            }
            add(from, i, anyQuote, decoded);
        }
    }

    /** Reads on from the quote at {@code i} to the end of the word into {@link #word}; returns where it ends. */
    private int quotedWord(String line, int i, String source, int lineNumber) {
        int n = line.length();
        boolean inQuote = false;
        int quoteStart = i;
        for (; i < n; i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw control(source, lineNumber, i, c);
            }
            if (inQuote) {
                if (c == '\\' && i + 1 < n) {
                    char next = line.charAt(++i);
                    if (next < 0x20 && next != '\t' || next == 0x7f) {
                        throw control(source, lineNumber, i, next);
                    }
                    word.append(next);
                } else if (c == '"') {
                    inQuote = false;
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                return i;
            } else if (c == '"') {
                inQuote = true;
                quoteStart = i;
            } else {
                word.append(c);
            }
        }
        if (inQuote) {
            throw new ParseException(new Position(source, lineNumber, quoteStart + 1), "unterminated quote", line);
        }
        return i;
    }

    private ParseException control(String source, int lineNumber, int i, char c) {
        return new ParseException(new Position(source, lineNumber, i + 1),
                String.format("control character U+%04X is not allowed", (int) c), line);
    }

    private void add(int from, int to, boolean isQuoted, String decoded) {
        if (count == start.length) {
            int size = count * 2;
            start = Arrays.copyOf(start, size);
            end = Arrays.copyOf(end, size);
            quoted = Arrays.copyOf(quoted, size);
            text = Arrays.copyOf(text, size);
        }
        start[count] = from;
        end[count] = to;
        quoted[count] = isQuoted;
        text[count] = decoded;
        count++;
    }

    /** The line. */
    String line() {
        return line;
    }

    /** The number of words. */
    int size() {
        return count;
    }

    /** Where word {@code i} starts in {@link #line()}. */
    int start(int i) {
        return start[i];
    }

    /** Where word {@code i} ends in {@link #line()} (exclusive). */
    int end(int i) {
        return end[i];
    }

    /** The 1-based column where word {@code i} starts. */
    int column(int i) {
        return start[i] + 1;
    }

    /** Whether any part of word {@code i} was quoted (a quoted word is always a value, never an option). */
    boolean quoted(int i) {
        return quoted[i];
    }

    /** The text of word {@code i} without quotes; a known keyword is the keyword's own string. */
    String text(int i) {
        String t = text[i];
        if (t == null) {
            int from = start[i];
            int to = end[i];
            int h = Words.hash(line, from, to);
            t = Keywords.WORDS.find(line, from, to, h);
            if (t == null) {
                int slot = (h ^ h >>> 16) & (recent.length - 1);
                t = recent[slot];
                if (t == null || t.length() != to - from || !line.startsWith(t, from)) {
                    t = line.substring(from, to);
                    recent[slot] = t;
                }
            }
            text[i] = t;
        }
        return t;
    }

    /** Whether word {@code i} is the unquoted option or operator {@code w}. */
    boolean is(int i, String w) {
        return !quoted[i] && end[i] - start[i] == w.length() && line.startsWith(w, start[i]);
    }

    /** Whether word {@code i} is an unquoted {@code !}. */
    boolean isBang(int i) {
        return !quoted[i] && end[i] - start[i] == 1 && line.charAt(start[i]) == '!';
    }

    /** Whether word {@code i} looks like an option ({@code -x}, {@code --xyz}, not {@code -5}) or is a negation. */
    boolean isOptionLike(int i) {
        if (quoted[i]) {
            return false;
        }
        int s = start[i];
        int length = end[i] - s;
        return length == 1 ? line.charAt(s) == '!'
                : line.charAt(s) == '-' && !Character.isDigit(line.charAt(s + 1));
    }

    /** Whether word {@code i} starts with {@code prefix} as written (quotes included). */
    boolean startsWith(int i, String prefix) {
        return line.startsWith(prefix, start[i]) && end[i] - start[i] >= prefix.length();
    }

    /** The line's text from the start of word {@code first} to the end of word {@code last}, as written. */
    String source(int first, int last) {
        return line.substring(start[first], end[last]);
    }

    /** The texts of words {@code from} (inclusive) to {@code to} (exclusive). */
    String[] texts(int from, int to) {
        if (from >= to) {
            return NO_TEXT;
        }
        String[] out = new String[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = text(i);
        }
        return out;
    }
}
