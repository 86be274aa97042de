package dev.bulwark.core.sockets;

/**
 * Which of ss's leading columns a listing has: ss drops Netid when one socket type is shown
 * ({@code -t}), and State when a state filter is given ({@code state established}). Not API.
 */
enum Columns {
    /** {@code Netid State Recv-Q …}. */
    NETID_STATE(true, true),
    /** {@code State Recv-Q …} ({@code ss -t}). */
    STATE(false, true),
    /** {@code Netid Recv-Q …} ({@code ss -l state listening}). */
    NETID(true, false),
    /** {@code Recv-Q …} ({@code ss -t state established}). */
    NONE(false, false);

    final boolean netid;
    final boolean state;

    Columns(boolean netid, boolean state) {
        this.netid = netid;
        this.state = state;
    }

    /** The columns a header line names, or null when {@code line} is not ss's header. */
    static Columns ofHeader(String line) {
        if (!(line.startsWith("Netid") || line.startsWith("State") || line.startsWith("Recv-Q"))
                || !line.contains("Recv-Q") || !line.contains("Send-Q") || !line.contains("Local Address:Port")) {
            return null;
        }
        boolean netid = line.startsWith("Netid");
        boolean state = line.startsWith("State") || (netid && line.startsWith("State", firstWordEnd(line, 5)));
        return netid ? (state ? NETID_STATE : NETID) : (state ? STATE : NONE);
    }

    private static int firstWordEnd(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
