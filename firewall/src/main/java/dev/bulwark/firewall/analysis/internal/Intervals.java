package dev.bulwark.firewall.analysis.internal;

import java.util.Arrays;

/**
 * Sorted, disjoint, non-adjacent closed intervals of unsigned 128-bit numbers in chunks of
 * primitive arrays (four longs an interval: start high and low bits, end high and low bits). A
 * lookup is a binary search over the chunks and one inside a chunk; a change rewrites one chunk
 * and touches the chunk index only when a chunk splits, empties or is merged, which keeps
 * {@link AddressSet} quick on sets of many thousands of intervals where a tree of boxed keys
 * spent its time on cache misses. Every chunk but a lone one holds between {@value #MIN} and
 * {@value #CAP} intervals. Not thread-safe. Not API.
 */
final class Intervals {

    /** Most intervals in a chunk. */
    static final int CAP = 64;
    /** Fewest intervals in a chunk once there are two or more. */
    static final int MIN = CAP / 4;

    /** No chunks yet: shared (it has no room to write into), so that an empty set allocates nothing more. */
    private static final long[][] NO_CHUNKS = new long[0][];
    private static final int[] NO_LENS = new int[0];

    private long[][] chunks = NO_CHUNKS;
    private int[] lens = NO_LENS;
    private int count;
    private int size;
    /** Room for the (at most two) intervals an {@link #add} or {@link #remove} puts back; made on first need. */
    private long[] with;

    /** The number of intervals. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** A deep copy. */
    Intervals copy() {
        Intervals c = new Intervals();
        if (count == 0) {
            return c;
        }
        c.chunks = new long[Math.max(1, count)][];
        c.lens = Arrays.copyOf(lens, Math.max(1, count));
        for (int i = 0; i < count; i++) {
            c.chunks[i] = chunks[i].clone();
        }
        c.count = count;
        c.size = size;
        return c;
    }

    /** Receives intervals, lowest first. */
    interface Visitor {
        void visit(long startHi, long startLo, long endHi, long endLo);
    }

    /** Visits every interval, lowest first. */
    void forEach(Visitor v) {
        for (int c = 0; c < count; c++) {
            long[] ch = chunks[c];
            for (int o = 0, n = lens[c]; o < n; o++) {
                v.visit(ch[4 * o], ch[4 * o + 1], ch[4 * o + 2], ch[4 * o + 3]);
            }
        }
    }

    /** Visits the parts of the intervals inside {@code [lo, hi]}, lowest first. */
    void forEachWithin(long loH, long loL, long hiH, long hiL, Visitor v) {
        long p = firstEndAtLeast(loH, loL);
        for (int c = chunk(p), o = offset(p); c < count; c++, o = 0) {
            long[] ch = chunks[c];
            for (int n = lens[c]; o < n; o++) {
                long sh = ch[4 * o];
                long sl = ch[4 * o + 1];
                if (cmp(sh, sl, hiH, hiL) > 0) {
                    return;
                }
                boolean clipStart = cmp(sh, sl, loH, loL) < 0;
                boolean clipEnd = cmp(ch[4 * o + 2], ch[4 * o + 3], hiH, hiL) > 0;
                v.visit(clipStart ? loH : sh, clipStart ? loL : sl, clipEnd ? hiH : ch[4 * o + 2],
                        clipEnd ? hiL : ch[4 * o + 3]);
            }
        }
    }

    /** Whether {@code x} lies in an interval. */
    boolean contains(long h, long l) {
        long p = firstEndAtLeast(h, l);
        int c = chunk(p);
        int o = offset(p);
        return c < count && o < lens[c] && cmp(chunks[c][4 * o], chunks[c][4 * o + 1], h, l) <= 0;
    }

    /** Adds {@code [lo, hi]}, merging it with the intervals it overlaps or touches. */
    void add(long loH, long loL, long hiH, long hiL) {
        if (count == 0) {
            // most sets in an analysis are one rule's network: no search, one chunk of exactly one interval
            firstChunk();
            chunks[0] = new long[] {loH, loL, hiH, hiL};
            lens[0] = 1;
            count = 1;
            size = 1;
            return;
        }
        long[] with = scratch();
        long from = loH == 0 && loL == 0 ? 0 : firstEndAtLeast(dec(loH, loL), loL - 1);
        long to = hiH == -1L && hiL == -1L ? end() : firstStartAbove(inc(hiH, hiL), hiL + 1);
        if (from < to) {
            int fc = chunk(from);
            int fo = offset(from);
            long last = previous(to);
            int lc = chunk(last);
            int lo = offset(last);
            long[] f = chunks[fc];
            long[] l = chunks[lc];
            boolean keepLo = cmp(loH, loL, f[4 * fo], f[4 * fo + 1]) <= 0;
            boolean keepHi = cmp(hiH, hiL, l[4 * lo + 2], l[4 * lo + 3]) >= 0;
            with[0] = keepLo ? loH : f[4 * fo];
            with[1] = keepLo ? loL : f[4 * fo + 1];
            with[2] = keepHi ? hiH : l[4 * lo + 2];
            with[3] = keepHi ? hiL : l[4 * lo + 3];
        } else {
            with[0] = loH;
            with[1] = loL;
            with[2] = hiH;
            with[3] = hiL;
        }
        splice(from, to, 1);
    }

    /** Removes {@code [lo, hi]}, cutting the intervals it overlaps. */
    void remove(long loH, long loL, long hiH, long hiL) {
        long from = firstEndAtLeast(loH, loL);
        long to = firstStartAbove(hiH, hiL);
        if (from >= to) {
            return;
        }
        long[] with = scratch();
        long[] f = chunks[chunk(from)];
        int fo = offset(from);
        long last = previous(to);
        long[] l = chunks[chunk(last)];
        int lo = offset(last);
        boolean left = cmp(f[4 * fo], f[4 * fo + 1], loH, loL) < 0;
        boolean right = cmp(l[4 * lo + 2], l[4 * lo + 3], hiH, hiL) > 0;
        int k = 0;
        if (left) {
            with[k++] = f[4 * fo];
            with[k++] = f[4 * fo + 1];
            with[k++] = dec(loH, loL);
            with[k++] = loL - 1;
        }
        if (right) {
            long endH = l[4 * lo + 2];
            long endL = l[4 * lo + 3];
            with[k++] = inc(hiH, hiL);
            with[k++] = hiL + 1;
            with[k++] = endH;
            with[k++] = endL;
        }
        splice(from, to, k / 4);
    }

    private long[] scratch() {
        if (with == null) {
            with = new long[8];
        }
        return with;
    }

    /** The union of {@code a} and {@code b}, in one pass over both. */
    static Intervals union(Intervals a, Intervals b) {
        Intervals out = new Intervals();
        Cursor x = a.cursor();
        Cursor y = b.cursor();
        while (x.more() || y.more()) {
            Cursor c = !y.more() || x.more() && cmp(x.sh(), x.sl(), y.sh(), y.sl()) <= 0 ? x : y;
            out.append(c.sh(), c.sl(), c.eh(), c.el());
            c.next();
        }
        out.settleLast();
        return out;
    }

    /** The intervals of {@code a} outside those of {@code b}, in one pass over both. */
    static Intervals minus(Intervals a, Intervals b) {
        Intervals out = new Intervals();
        Cursor y = b.cursor();
        for (Cursor x = a.cursor(); x.more(); x.next()) {
            long sh = x.sh();
            long sl = x.sl();
            long eh = x.eh();
            long el = x.el();
            // skip what ends before this interval starts
            while (y.more() && cmp(y.eh(), y.el(), sh, sl) < 0) {
                y.next();
            }
            boolean left = true;
            while (y.more() && cmp(y.sh(), y.sl(), eh, el) <= 0) {
                if (cmp(y.sh(), y.sl(), sh, sl) > 0) {
                    out.append(sh, sl, dec(y.sh(), y.sl()), y.sl() - 1);
                }
                if (cmp(y.eh(), y.el(), eh, el) >= 0) {
                    left = false;
                    break;
                }
                sh = inc(y.eh(), y.el());
                sl = y.el() + 1;
                y.next();
            }
            if (left) {
                out.append(sh, sl, eh, el);
            }
        }
        out.settleLast();
        return out;
    }

    /** Appends an interval that starts at or above every interval's start, merging it with the last one when they meet. */
    private void append(long sh, long sl, long eh, long el) {
        if (count > 0) {
            int c = count - 1;
            long[] ch = chunks[c];
            int o = lens[c] - 1;
            long lh = ch[4 * o + 2];
            long ll = ch[4 * o + 3];
            boolean meets = lh == -1L && ll == -1L || cmp(sh, sl, inc(lh, ll), ll + 1) <= 0;
            if (meets) {
                if (cmp(eh, el, lh, ll) > 0) {
                    ch[4 * o + 2] = eh;
                    ch[4 * o + 3] = el;
                }
                return;
            }
        }
        if (count == 0 || lens[count - 1] == CAP) {
            addChunk(count, new long[8], 0);
        }
        int c = count - 1;
        long[] ch = room(c, lens[c] + 1);
        int o = lens[c]++;
        ch[4 * o] = sh;
        ch[4 * o + 1] = sl;
        ch[4 * o + 2] = eh;
        ch[4 * o + 3] = el;
        size++;
    }

    /** Restores the chunk invariant at the last chunk after appends. */
    private void settleLast() {
        if (count > 1) {
            settle(count - 1);
        }
    }

    private Cursor cursor() {
        return new Cursor(this);
    }

    /** Reads the intervals in order, one at a time. */
    private static final class Cursor {
        private final Intervals of;
        private int c;
        private int o;

        Cursor(Intervals of) {
            this.of = of;
        }

        boolean more() {
            return c < of.count;
        }

        void next() {
            if (++o == of.lens[c]) {
                c++;
                o = 0;
            }
        }

        long sh() {
            return of.chunks[c][4 * o];
        }

        long sl() {
            return of.chunks[c][4 * o + 1];
        }

        long eh() {
            return of.chunks[c][4 * o + 2];
        }

        long el() {
            return of.chunks[c][4 * o + 3];
        }
    }

    /** Whether both hold the same intervals. */
    boolean sameAs(Intervals o) {
        if (size != o.size) {
            return false;
        }
        int c1 = 0;
        int o1 = 0;
        int c2 = 0;
        int o2 = 0;
        for (int i = 0; i < size; i++) {
            if (o1 == lens[c1]) {
                c1++;
                o1 = 0;
            }
            if (o2 == o.lens[c2]) {
                c2++;
                o2 = 0;
            }
            if (!Arrays.equals(chunks[c1], 4 * o1, 4 * o1 + 4, o.chunks[c2], 4 * o2, 4 * o2 + 4)) {
                return false;
            }
            o1++;
            o2++;
        }
        return true;
    }

    // --- positions: chunk << 32 | offset, normalized so that offset < the chunk's length except at the end

    private static int chunk(long p) {
        return (int) (p >>> 32);
    }

    private static int offset(long p) {
        return (int) p;
    }

    private static long pos(int c, int o) {
        return (long) c << 32 | o;
    }

    private long end() {
        return count == 0 ? 0 : pos(count - 1, lens[count - 1]);
    }

    private long normalized(int c, int o) {
        return o == lens[c] && c + 1 < count ? pos(c + 1, 0) : pos(c, o);
    }

    private long previous(long p) {
        int c = chunk(p);
        int o = offset(p);
        return o > 0 ? pos(c, o - 1) : pos(c - 1, lens[c - 1] - 1);
    }

    /** The position of the first interval whose end is at least {@code k}, or the end. */
    private long firstEndAtLeast(long kh, long kl) {
        return first(END, kh, kl, 0);
    }

    /** The position of the first interval whose start is above {@code k}, or the end. */
    private long firstStartAbove(long kh, long kl) {
        return first(START, kh, kl, 1);
    }

    private static final int START = 0;
    private static final int END = 2;

    /**
     * The position of the first interval whose {@code field} (start or end, both ascending)
     * compares with {@code k} at least {@code min} (0: at least k, 1: above k), or the end.
     */
    private long first(int field, long kh, long kl, int min) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int last = 4 * (lens[mid] - 1) + field;
            if (cmp(chunks[mid][last], chunks[mid][last + 1], kh, kl) >= min) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == count) {
            return end();
        }
        long[] ch = chunks[lo];
        int a = 0;
        int b = lens[lo];
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (cmp(ch[4 * mid + field], ch[4 * mid + field + 1], kh, kl) >= min) {
                b = mid;
            } else {
                a = mid + 1;
            }
        }
        return normalized(lo, a);
    }

    /** Replaces the intervals in positions {@code [from, to)} with the first {@code added} intervals of {@link #with}. */
    private void splice(long from, long to, int added) {
        if (count == 0) {
            if (added > 0) {
                firstChunk();
                chunks[0] = new long[4 * Math.max(2, added)];
                System.arraycopy(with, 0, chunks[0], 0, 4 * added);
                lens[0] = added;
                count = 1;
                size = added;
            }
            return;
        }
        int c1 = chunk(from);
        int o1 = offset(from);
        int c2 = chunk(to);
        int o2 = offset(to);
        int removed;
        if (c1 == c2) {
            removed = o2 - o1;
            cut(c1, o1, o2);
        } else {
            removed = lens[c1] - o1 + o2;
            for (int c = c1 + 1; c < c2; c++) {
                removed += lens[c];
            }
            cut(c1, o1, lens[c1]);
            cut(c2, 0, o2);
            dropChunks(c1 + 1, c2);
        }
        size -= removed;
        if (added > 0) {
            insert(c1, o1, added);
            size += added;
        }
        for (int c = Math.max(0, c1 - 1); c < Math.min(count, c1 + 3); c++) {
            c -= settle(c);
        }
    }

    /** Removes offsets {@code [a, b)} of chunk {@code c}. */
    private void cut(int c, int a, int b) {
        if (a < b) {
            long[] ch = chunks[c];
            System.arraycopy(ch, 4 * b, ch, 4 * a, 4 * (lens[c] - b));
            lens[c] -= b - a;
        }
    }

    /** Inserts the first {@code n} intervals of {@link #with} at offset {@code o} of chunk {@code c}, splitting the chunk when it overflows. */
    private void insert(int c, int o, int n) {
        long[] ch = chunks[c];
        int len = lens[c];
        if (len + n <= CAP) {
            ch = room(c, len + n);
            System.arraycopy(ch, 4 * o, ch, 4 * (o + n), 4 * (len - o));
            System.arraycopy(with, 0, ch, 4 * o, 4 * n);
            lens[c] = len + n;
            return;
        }
        // the chunk as it would read with the insertion is ch[0, o) with[0, n) ch[o, len); its upper
        // half goes to a new chunk, its lower half stays, without building the whole sequence first
        int total = len + n;
        int half = total / 2;
        long[] second = new long[4 * CAP];
        copyPart(ch, 0, 0, o, half, second);
        copyPart(with, 0, o, n, half, second);
        copyPart(ch, o, o + n, len - o, half, second);
        if (half > o + n) {
            System.arraycopy(ch, 4 * o, ch, 4 * (o + n), 4 * (half - o - n));
        }
        if (half > o) {
            System.arraycopy(with, 0, ch, 4 * o, 4 * Math.min(n, half - o));
        }
        lens[c] = half;
        addChunk(c + 1, second, total - half);
    }

    /**
     * Copies the part at or above sequence index {@code half} of {@code count} intervals that start
     * at {@code from} in {@code src} and at {@code at} in the sequence into {@code to} (at index - half).
     */
    private static void copyPart(long[] src, int from, int at, int count, int half, long[] to) {
        int skip = Math.max(0, half - at);
        if (skip < count) {
            System.arraycopy(src, 4 * (from + skip), to, 4 * (at + skip - half), 4 * (count - skip));
        }
    }

    /**
     * Restores the chunk invariant at {@code c}: an empty chunk goes, an underfull one is merged
     * with or balanced against a neighbour. Returns 1 when chunk {@code c} was removed, else 0.
     */
    private int settle(int c) {
        if (lens[c] == 0) {
            dropChunks(c, c + 1);
            return 1;
        }
        if (lens[c] >= MIN || count == 1) {
            return 0;
        }
        int a = c + 1 < count ? c : c - 1;
        int b = a + 1;
        int total = lens[a] + lens[b];
        if (total <= CAP) {
            System.arraycopy(chunks[b], 0, room(a, total), 4 * lens[a], 4 * lens[b]);
            lens[a] = total;
            dropChunks(b, b + 1);
            return b == c ? 1 : 0;
        }
        long[] all = new long[4 * total];
        System.arraycopy(chunks[a], 0, all, 0, 4 * lens[a]);
        System.arraycopy(chunks[b], 0, all, 4 * lens[a], 4 * lens[b]);
        int half = total / 2;
        System.arraycopy(all, 0, room(a, half), 0, 4 * half);
        System.arraycopy(all, 4 * half, room(b, total - half), 0, 4 * (total - half));
        lens[a] = half;
        lens[b] = total - half;
        return 0;
    }

    /**
     * Chunk {@code c}'s array, grown to hold {@code n} intervals: chunks start small (most sets
     * in an analysis are a rule's one network) and double up to {@value #CAP}.
     */
    private long[] room(int c, int n) {
        long[] ch = chunks[c];
        if (ch.length < 4 * n) {
            ch = Arrays.copyOf(ch, 4 * Math.min(CAP, Math.max(n, ch.length / 2)));
            chunks[c] = ch;
        }
        return ch;
    }

    /** Makes room in the chunk index for the first chunk. */
    private void firstChunk() {
        if (chunks.length == 0) {
            chunks = new long[1][];
            lens = new int[1];
        }
    }

    private void addChunk(int at, long[] chunk, int len) {
        if (count == chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(1, count * 2));
            lens = Arrays.copyOf(lens, Math.max(1, count * 2));
        }
        System.arraycopy(chunks, at, chunks, at + 1, count - at);
        System.arraycopy(lens, at, lens, at + 1, count - at);
        chunks[at] = chunk;
        lens[at] = len;
        count++;
    }

    /** Removes chunks {@code [a, b)}. */
    private void dropChunks(int a, int b) {
        if (a >= b) {
            return;
        }
        System.arraycopy(chunks, b, chunks, a, count - b);
        System.arraycopy(lens, b, lens, a, count - b);
        for (int i = count - (b - a); i < count; i++) {
            chunks[i] = null;
        }
        count -= b - a;
    }

    // --- unsigned 128-bit arithmetic on (high, low) pairs

    static int cmp(long ah, long al, long bh, long bl) {
        int c = Long.compareUnsigned(ah, bh);
        return c != 0 ? c : Long.compareUnsigned(al, bl);
    }

    /** The high half of {@code (h, l) - 1} (its low half is {@code l - 1}). */
    static long dec(long h, long l) {
        return l == 0 ? h - 1 : h;
    }

    /** The high half of {@code (h, l) + 1} (its low half is {@code l + 1}). */
    static long inc(long h, long l) {
        return l == -1L ? h + 1 : h;
    }
}
