package dev.bulwark.firewall.parse.internal;

/**
 * A set of words that can be looked up by a region of a line without cutting the region out: the
 * parser's keywords, and a table's chain names. A hit gives the set's own {@code String}, so a
 * known word costs no allocation and switches on it find a cached hash. Open addressing with the
 * hash of {@link String#hashCode()}. Not API.
 */
final class Words {

    private String[] table;
    private int size;

    Words(int expected) {
        int capacity = 16;
        while (capacity < expected * 2) {
            capacity <<= 1;
        }
        table = new String[capacity];
    }

    /** A set holding {@code words}. */
    static Words of(String... words) {
        Words w = new Words(words.length);
        for (String word : words) {
            w.add(word);
        }
        return w;
    }

    /** Adds {@code word} (nothing when it is already there). */
    void add(String word) {
        if (find(word, 0, word.length()) != null) {
            return;
        }
        if ((size + 1) * 2 > table.length) {
            String[] old = table;
            table = new String[old.length * 2];
            for (String s : old) {
                if (s != null) {
                    insert(s);
                }
            }
        }
        insert(word);
        size++;
    }

    private void insert(String word) {
        int mask = table.length - 1;
        int i = spread(word.hashCode()) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = word;
    }

    /** The word equal to {@code text[from, to)}, or {@code null}. */
    String find(String text, int from, int to) {
        return find(text, from, to, hash(text, from, to));
    }

    /** {@link String#hashCode()} of {@code text[from, to)}. */
    static int hash(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** The word equal to {@code text[from, to)}, whose {@link #hash} is {@code h}, or {@code null}. */
    String find(String text, int from, int to, int h) {
        int mask = table.length - 1;
        int length = to - from;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            String w = table[i];
            if (w == null) {
                return null;
            }
            if (w.length() == length && text.regionMatches(from, w, 0, length)) {
                return w;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
