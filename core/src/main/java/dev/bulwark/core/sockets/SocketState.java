package dev.bulwark.core.sockets;

/**
 * The socket state in ss's {@code State} column, with ss's wire names ({@code LISTEN},
 * {@code ESTAB}, {@code TIME-WAIT}). A word ss may print that Bulwark does not know maps to
 * {@link #UNKNOWN}; the word itself is kept in {@link SocketEntry#stateName()}.
 */
public enum SocketState {
    /** Connected. */
    ESTAB("ESTAB"),
    /** Connecting, SYN sent. */
    SYN_SENT("SYN-SENT"),
    /** Connecting, SYN received. */
    SYN_RECV("SYN-RECV"),
    /** Closing, FIN sent. */
    FIN_WAIT_1("FIN-WAIT-1"),
    /** Closing, FIN acknowledged. */
    FIN_WAIT_2("FIN-WAIT-2"),
    /** Closed, waiting for late packets. */
    TIME_WAIT("TIME-WAIT"),
    /** Not connected: a bound datagram socket, or a closed one. */
    UNCONN("UNCONN"),
    /** Peer closed, waiting for the application. */
    CLOSE_WAIT("CLOSE-WAIT"),
    /** Closing, waiting for the last ACK. */
    LAST_ACK("LAST-ACK"),
    /** Waiting for connections. */
    LISTEN("LISTEN"),
    /** Both sides closing at once. */
    CLOSING("CLOSING"),
    /** Multipath TCP bound but inactive. */
    BOUND_INACTIVE("BOUND-INACTIVE"),
    /** A state ss or Bulwark does not know; the word is kept in the entry. */
    UNKNOWN("UNKNOWN");

    private final String wireName;

    SocketState(String wireName) {
        this.wireName = wireName;
    }

    /** The word ss prints. */
    public String wireName() {
        return wireName;
    }

    /** The state with this wire name, or {@link #UNKNOWN}. */
    public static SocketState fromWireName(String name) {
        switch (name) {
            case "ESTAB": return ESTAB;
            case "SYN-SENT": return SYN_SENT;
            case "SYN-RECV": return SYN_RECV;
            case "FIN-WAIT-1": return FIN_WAIT_1;
            case "FIN-WAIT-2": return FIN_WAIT_2;
            case "TIME-WAIT": return TIME_WAIT;
            case "UNCONN": return UNCONN;
            case "CLOSE-WAIT": return CLOSE_WAIT;
            case "LAST-ACK": return LAST_ACK;
            case "LISTEN": return LISTEN;
            case "CLOSING": return CLOSING;
            case "BOUND-INACTIVE": return BOUND_INACTIVE;
            default: return UNKNOWN;
        }
    }

    @Override
    public String toString() {
        return wireName;
    }
}
