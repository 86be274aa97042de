package dev.bulwark.firewall;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An IP version a rule applies to; iptables and ip6tables render one each. */
public enum IpVersion {
    /** IPv4 ({@code iptables}, nftables {@code ip}). */
    IPV4("ipv4"),
    /** IPv6 ({@code ip6tables}, nftables {@code ip6}). */
    IPV6("ipv6");

    private final String wireName;

    IpVersion(String wireName) {
        this.wireName = wireName;
    }

    /** {@code ipv4} or {@code ipv6}. */
    public String wireName() {
        return wireName;
    }

    /** The version of an address. */
    public static IpVersion of(InetAddress address) {
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }
}
