package dev.bulwark.vpn.openvpn;

/** The transport of an OpenVPN tunnel, with its {@code proto} word. */
public enum OpenVpnProtocol {
    /** UDP, the default and the faster choice. */
    UDP("udp"),
    /** TCP, for networks that block UDP. */
    TCP("tcp");

    private final String wireName;

    OpenVpnProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** The word after {@code proto}. */
    public String wireName() {
        return wireName;
    }
}
