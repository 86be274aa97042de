package dev.bulwark.core.sockets;

import dev.bulwark.core.net.Endpoint;
import java.util.Arrays;

/**
 * A small direct-mapped cache of the strings that repeat from ss line to ss line (netids, states,
 * extension names, addresses, process names), so that a repeated word costs a hash and a compare
 * instead of an allocation. One instance per parser; not API; not thread-safe.
 */
final class Words {

    /** Netids, states and extension names: seeds for {@link #words()}. */
    private static final String[] COMMON = {"tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw",
        "p_dgr", "sctp", "mptcp", "LISTEN", "ESTAB", "UNCONN", "TIME-WAIT", "CLOSE-WAIT", "SYN-SENT", "SYN-RECV",
        "FIN-WAIT-1", "FIN-WAIT-2", "LAST-ACK", "CLOSING", "uid", "ino", "sk", "cgroup", "v6only", "timer"};
    /** Addresses every listing has: seeds for {@link #addresses()}. */
    private static final String[] ADDRESSES = {Endpoint.WILDCARD, "0.0.0.0", "::", "127.0.0.1", "::1", "lo"};
    private static final String[] WILDCARD_TEXT = {"0.0.0.0:*", "[::]:*", "*:*", "*"};
    private static final Endpoint[] WILDCARDS = {Endpoint.parse("0.0.0.0:*"), Endpoint.parse("[::]:*"),
        Endpoint.parse("*:*"), Endpoint.parse("*")};

    private final String[] table;
    /** The characters of each cached string, compared without going through {@code String}. */
    private final char[][] keys;
    private final int mask;

    private Words(int slots, String... seeds) {
        table = new String[slots];
        keys = new char[slots][];
        mask = slots - 1;
        for (String word : seeds) {
            char[] chars = word.toCharArray();
            get(chars, 0, chars.length);
        }
    }

    /** A cache for netids, states and extension names. */
    static Words words() {
        return new Words(64, COMMON);
    }

    /** A cache for addresses, scopes and Unix paths. */
    static Words addresses() {
        return new Words(512, ADDRESSES);
    }

    /** A cache for process names. */
    static Words names() {
        return new Words(128);
    }

    /** The characters {@code [start, end)} as a string, shared when it was seen recently. */
    String get(char[] buf, int start, int end) {
        int slot = slot(buf, start, end);
        char[] key = keys[slot];
        if (key != null && key.length == end - start) {
            int i = 0;
            while (i < key.length && key[i] == buf[start + i]) {
                i++;
            }
            if (i == key.length) {
                return table[slot];
            }
        }
        String word = new String(buf, start, end - start);
        table[slot] = word;
        keys[slot] = Arrays.copyOfRange(buf, start, end);
        return word;
    }

    /** Hashes the length, the first character and the last eight: cheap, and where addresses and names differ. */
    private int slot(char[] buf, int start, int end) {
        int h = (end - start) * 31 + (end > start ? buf[start] : 0);
        for (int i = Math.max(start + 1, end - 8); i < end; i++) {
            h = 31 * h + buf[i];
        }
        return (h ^ (h >>> 9) ^ (h >>> 17)) & mask;
    }

    /** The shared endpoint for a wildcard peer text such as {@code 0.0.0.0:*}, or null. */
    static Endpoint wildcardEndpoint(char[] buf, int start, int end) {
        for (int w = 0; w < WILDCARD_TEXT.length; w++) {
            String text = WILDCARD_TEXT[w];
            if (text.length() == end - start) {
                int i = 0;
                while (i < text.length() && buf[start + i] == text.charAt(i)) {
                    i++;
                }
                if (i == text.length()) {
                    return WILDCARDS[w];
                }
            }
        }
        return null;
    }
}
