package dev.bulwark.firewall.parse;

/** The address family of a deployed table, with its nftables wire name. */
public enum Family {
    /** IPv4 ({@code iptables}, nft {@code ip}). */
    IPV4("ip"),
    /** IPv6 ({@code ip6tables}, nft {@code ip6}). */
    IPV6("ip6"),
    /** Both IPv4 and IPv6 (nft {@code inet}). */
    INET("inet"),
    /** ARP (nft {@code arp}). */
    ARP("arp"),
    /** Bridged frames (nft {@code bridge}). */
    BRIDGE("bridge"),
    /** Per-device ingress (nft {@code netdev}). */
    NETDEV("netdev");

    private final String wireName;

    Family(String wireName) {
        this.wireName = wireName;
    }

    /** The nftables name of the family, e.g. {@code ip6}. */
    public String wireName() {
        return wireName;
    }

    /** Whether IPv4 packets pass through tables of this family. */
    public boolean carriesIpv4() {
        return this == IPV4 || this == INET;
    }

    /** Whether IPv6 packets pass through tables of this family. */
    public boolean carriesIpv6() {
        return this == IPV6 || this == INET;
    }
}
