package dev.bulwark.core.updates;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code fnmatch.fnmatch} on POSIX (case-sensitive): {@code *} any run, {@code ?} one
 * character, {@code [set]} and {@code [!set]} with ranges, an unclosed {@code [} literal; the whole
 * name must match. Matching is iterative with one backtrack point, O(pattern × name) at worst.
 */
final class Glob {

    private Glob() {
    }

    /** One pattern element: a literal, any character, any run, or a character set. */
    private record Token(char kind, char literal, boolean negated, List<char[]> ranges) {
        boolean accepts(char c) {
            if (kind == '?') {
                return true;
            }
            if (kind == 'L') {
                return c == literal;
            }
            boolean in = false;
            for (char[] r : ranges) {
                if (c >= r[0] && c <= r[1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }
    }

    static boolean matches(String pattern, String name) {
        List<Token> tokens = compile(pattern);
        int t = 0;
        int n = 0;
        int star = -1;
        int starName = 0;
        while (n < name.length()) {
            if (t < tokens.size() && tokens.get(t).kind() == '*') {
                star = t++;
                starName = n;
            } else if (t < tokens.size() && tokens.get(t).accepts(name.charAt(n))) {
                t++;
                n++;
            } else if (star >= 0) {
                t = star + 1;
                n = ++starName;
            } else {
                return false;
            }
        }
        while (t < tokens.size() && tokens.get(t).kind() == '*') {
            t++;
        }
        return t == tokens.size();
    }

    private static List<Token> compile(String p) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i++);
            if (c == '*') {
                if (out.isEmpty() || out.get(out.size() - 1).kind() != '*') {
                    out.add(new Token('*', c, false, List.of()));
                }
            } else if (c == '?') {
                out.add(new Token('?', c, false, List.of()));
            } else if (c == '[') {
                int j = i;
                if (j < p.length() && p.charAt(j) == '!') {
                    j++;
                }
                if (j < p.length() && p.charAt(j) == ']') {
                    j++;
                }
                while (j < p.length() && p.charAt(j) != ']') {
                    j++;
                }
                if (j >= p.length()) {
                    out.add(new Token('L', '[', false, List.of()));
                } else {
                    out.add(set(p.substring(i, j)));
                    i = j + 1;
                }
            } else {
                out.add(new Token('L', c, false, List.of()));
            }
        }
        return out;
    }

    /** The set between the brackets; an empty set never matches, "!" alone matches any character. */
    private static Token set(String stuff) {
        boolean negated = stuff.startsWith("!");
        String body = negated ? stuff.substring(1) : stuff;
        List<char[]> ranges = new ArrayList<>();
        int k = 0;
        while (k < body.length()) {
            char lo = body.charAt(k);
            if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                char hi = body.charAt(k + 2);
                if (lo <= hi) {
                    ranges.add(new char[] {lo, hi});
                }
                k += 3;
            } else {
                ranges.add(new char[] {lo, lo});
                k++;
            }
        }
        return new Token('S', ' ', negated, ranges);
    }
}
