package dev.bulwark.core.sockets;

import dev.bulwark.core.net.Endpoint;
import java.util.Arrays;

/**
 * Reads the address columns of a Unix socket line: {@code path inode path inode}, where either path
 * may hold spaces and so also words of digits ({@code /run/app 2/x.sock}, {@code /tmp/my 2 sock}).
 * Not API; not thread-safe.
 *
 * <p>The words up to the first {@code users:(…)}, {@code name:value} or shutdown marker that
 * follows a number are the address columns. The last number among them is the peer's inode; the
 * local inode is chosen, among the numbers that leave both paths non-empty, as: the one before a
 * lone {@code *} peer (ss's usual peer), else the one after a lone {@code *} local path, else the
 * first one followed by a path-like word ({@code /…}, {@code @…}), else the first one.
 */
final class UnixColumns {

    private static final char[] USERS = "users:(".toCharArray();

    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int count;
    private Endpoint local;
    private Endpoint peer;

    /** Reads both endpoints from the scanner's position; leaves it after the peer inode. */
    void read(LineScanner line, Words strings) {
        collect(line);
        int peerInode = peerInode(line);
        int localInode = localInode(line, peerInode);
        local = endpoint(line, strings, 0, localInode);
        peer = endpoint(line, strings, localInode + 1, peerInode);
        line.pos = ends[peerInode];
    }

    Endpoint local() {
        return local;
    }

    Endpoint peer() {
        return peer;
    }

    private void collect(LineScanner line) {
        count = 0;
        while (line.skipSpaces()) {
            int start = line.pos;
            if (count >= 4 && isDigits(line, count - 1) && isTail(line, start)) {
                break;
            }
            line.token("a Unix address");
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = line.pos;
            count++;
        }
    }

    /** Whether the word at {@code start} begins the fields after the addresses. */
    private static boolean isTail(LineScanner line, int start) {
        if (line.startsWith(start, USERS)) {
            return true;
        }
        char[] buf = line.buf;
        int i = start;
        while (i < line.len && buf[i] != ' ' && buf[i] != '\t') {
            i++;
        }
        if (i - start == 3 && (buf[start] == '<' || buf[start] == '-') && buf[start + 1] == '-'
                && (buf[start + 2] == '>' || buf[start + 2] == '-')) {
            return true;
        }
        int j = start;
        while (j < i && ((buf[j] >= 'a' && buf[j] <= 'z') || buf[j] == '_' || (j > start && buf[j] >= '0' && buf[j] <= '9'))) {
            j++;
        }
        return j > start && j + 1 < i && buf[j] == ':';
    }

    /** The index of the peer inode: the last number with room for both paths and a local inode before it. */
    private int peerInode(LineScanner line) {
        if (count == 0) {
            throw line.error(line.len, "line ends where the local Unix address was expected");
        }
        for (int j = count - 1; j >= 3; j--) {
            if (isDigits(line, j) && firstNumber(line, 1, j - 1) >= 0) {
                return j;
            }
        }
        int first = firstNumber(line, 1, count);
        if (first < 0) {
            throw line.error(line.len, "line ends where the local inode was expected");
        }
        if (first + 1 >= count) {
            throw line.error(line.len, "line ends where the peer Unix address was expected");
        }
        throw line.error(line.len, "line ends where the peer inode was expected");
    }

    private int localInode(LineScanner line, int peerInode) {
        if (isWildcard(line, peerInode - 1) && peerInode >= 3 && isDigits(line, peerInode - 2)) {
            return peerInode - 2;
        }
        if (isWildcard(line, 0) && isDigits(line, 1)) {
            return 1;
        }
        for (int i = 1; i < peerInode - 1; i++) {
            char next = line.buf[starts[i + 1]];
            if (isDigits(line, i) && (next == '/' || next == '@' || isWildcard(line, i + 1))) {
                return i;
            }
        }
        return firstNumber(line, 1, peerInode - 1);
    }

    /** The first word in {@code [from, to)} that is a number, or -1. */
    private int firstNumber(LineScanner line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (isDigits(line, i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean isDigits(LineScanner line, int word) {
        return line.isDigits(starts[word], ends[word]);
    }

    private boolean isWildcard(LineScanner line, int word) {
        return ends[word] - starts[word] == 1 && line.buf[starts[word]] == '*';
    }

    /** The endpoint of the path words {@code [first, inode)} and the inode word. */
    private Endpoint endpoint(LineScanner line, Words strings, int first, int inode) {
        try {
            return Endpoint.unix(strings.get(line.buf, starts[first], ends[inode - 1]),
                    line.text(starts[inode], ends[inode]));
        } catch (IllegalArgumentException e) {
            throw line.error(starts[first], e.getMessage());
        }
    }
}
