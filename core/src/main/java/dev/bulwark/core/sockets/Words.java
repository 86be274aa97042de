package dev.bulwark.core.sockets;

import dev.bulwark.core.net.Endpoint;

/**
 * Shares the strings and endpoints that repeat on almost every ss line (netids, states, extension
 * names, wildcard peers) instead of allocating them per line. Not API; not thread-safe.
 */
final class Words {

    private static final String[] COMMON = {"tcp", "udp", "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw",
        "p_dgr", "sctp", "mptcp", "LISTEN", "ESTAB", "UNCONN", "TIME-WAIT", "CLOSE-WAIT", "SYN-SENT", "SYN-RECV",
        "FIN-WAIT-1", "FIN-WAIT-2", "LAST-ACK", "CLOSING", "uid", "ino", "sk", "cgroup", "v6only", "timer"};
    private static final String[] WILDCARD_TEXT = {"0.0.0.0:*", "[::]:*", "*:*", "*"};
    private static final Endpoint[] WILDCARDS = {Endpoint.parse("0.0.0.0:*"), Endpoint.parse("[::]:*"),
        Endpoint.parse("*:*"), Endpoint.parse("*")};
    private static final int SLOTS = 64;

    private final String[] table = new String[SLOTS];

    Words() {
        for (String word : COMMON) {
            table[slot(word.toCharArray(), 0, word.length())] = word;
        }
    }

    /** The characters {@code [start, end)} as a string, shared when it is a common word. */
    String get(char[] buf, int start, int end) {
        int slot = slot(buf, start, end);
        String known = table[slot];
        if (known != null && known.length() == end - start) {
            boolean same = true;
            for (int i = start; i < end && same; i++) {
                same = buf[i] == known.charAt(i - start);
            }
            if (same) {
                return known;
            }
        }
        String word = new String(buf, start, end - start);
        table[slot] = word;
        return word;
    }

    private static int slot(char[] buf, int start, int end) {
        int h = end - start;
        for (int i = start; i < end; i++) {
            h = 31 * h + buf[i];
        }
        return (h ^ (h >>> 7)) & (SLOTS - 1);
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
