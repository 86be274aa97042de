package dev.bulwark.core.sockets;

/**
 * The socket type in ss's {@code Netid} column, with ss's wire names ({@code tcp}, {@code u_str}).
 * A word ss may print that Bulwark does not know yet maps to {@link #OTHER}; the word itself is
 * kept in {@link SocketEntry#netidName()}.
 */
public enum Netid {
    /** TCP. */
    TCP("tcp"),
    /** UDP. */
    UDP("udp"),
    /** Raw IP. */
    RAW("raw"),
    /** SCTP. */
    SCTP("sctp"),
    /** Multipath TCP. */
    MPTCP("mptcp"),
    /** DCCP. */
    DCCP("dccp"),
    /** Unix stream. */
    U_STR("u_str"),
    /** Unix datagram. */
    U_DGR("u_dgr"),
    /** Unix sequenced packet. */
    U_SEQ("u_seq"),
    /** Netlink. */
    NL("nl"),
    /** Raw packet (AF_PACKET, SOCK_RAW). */
    P_RAW("p_raw"),
    /** Datagram packet (AF_PACKET, SOCK_DGRAM). */
    P_DGR("p_dgr"),
    /** TIPC. */
    TIPC("tipc"),
    /** XDP. */
    XDP("xdp"),
    /** VSOCK stream. */
    V_STR("v_str"),
    /** VSOCK datagram. */
    V_DGR("v_dgr"),
    /** VSOCK sequenced packet. */
    V_SEQ("v_seq"),
    /** A netid this version does not know; the word is kept in the entry. */
    OTHER("?");

    private final String wireName;

    Netid(String wireName) {
        this.wireName = wireName;
    }

    /** The word ss prints. */
    public String wireName() {
        return wireName;
    }

    /** Whether this is an internet socket (TCP, UDP, raw IP, SCTP, MPTCP, DCCP). */
    public boolean isInternet() {
        return ordinal() <= DCCP.ordinal();
    }

    /** Whether this is a Unix-domain socket. */
    public boolean isUnix() {
        return this == U_STR || this == U_DGR || this == U_SEQ;
    }

    /** The netid with this wire name, or {@link #OTHER}. */
    public static Netid fromWireName(String name) {
        switch (name) {
            case "tcp": return TCP;
            case "udp": return UDP;
            case "raw": return RAW;
            case "sctp": return SCTP;
            case "mptcp": return MPTCP;
            case "dccp": return DCCP;
            case "u_str": return U_STR;
            case "u_dgr": return U_DGR;
            case "u_seq": return U_SEQ;
            case "nl": return NL;
            case "p_raw": return P_RAW;
            case "p_dgr": return P_DGR;
            case "tipc": return TIPC;
            case "xdp": return XDP;
            case "v_str": return V_STR;
            case "v_dgr": return V_DGR;
            case "v_seq": return V_SEQ;
            default: return OTHER;
        }
    }

    @Override
    public String toString() {
        return wireName;
    }
}
