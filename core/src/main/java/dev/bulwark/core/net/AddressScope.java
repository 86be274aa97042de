package dev.bulwark.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where an address can be reached from, in the secure baseline's terms. A listener's local address
 * decides who can connect to it: {@link #ANY} and {@link #PUBLIC} addresses face the internet,
 * {@link #PRIVATE} ones a local or VPN network, {@link #LOOPBACK} only the machine itself.
 */
public enum AddressScope {
    /** The unspecified address ({@code 0.0.0.0}, {@code ::}, {@code *}): every interface. */
    ANY,
    /** Loopback ({@code 127.0.0.0/8}, {@code ::1}): the machine itself. */
    LOOPBACK,
    /**
     * Private ranges: RFC 1918 ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), RFC 6598
     * shared address space ({@code 100.64/10}), RFC 4193 unique local ({@code fc00::/7}) and
     * link-local ({@code 169.254/16}, {@code fe80::/10}).
     */
    PRIVATE,
    /** Everything else, including multicast and reserved ranges. */
    PUBLIC,
    /**
     * Not known: the listing named a host ({@code ss -r} prints {@code web1.example.com} in place of
     * the address), so who can reach it cannot be told without resolving the name. Audits take it
     * as reachable from anywhere. {@link #of(InetAddress)} never returns it.
     */
    UNKNOWN;

    private static final List<IpNetwork> PRIVATE_NETWORKS = List.of(
            IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("172.16.0.0/12"), IpNetwork.parse("192.168.0.0/16"),
            IpNetwork.parse("100.64.0.0/10"), IpNetwork.parse("169.254.0.0/16"),
            IpNetwork.parse("fc00::/7"), IpNetwork.parse("fe80::/10"));

    /** The scope of {@code address}; an IPv4-mapped IPv6 address is classified by its IPv4 address. */
    public static AddressScope of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        InetAddress effective = IpAddresses.ipv4Of(address).map(InetAddress.class::cast).orElse(address);
        if (effective.isAnyLocalAddress()) {
            return ANY;
        }
        if (effective instanceof Inet4Address ? IpNetwork.LOOPBACK_IPV4.contains(effective)
                : IpNetwork.LOOPBACK_IPV6.contains(effective)) {
            return LOOPBACK;
        }
        for (IpNetwork network : PRIVATE_NETWORKS) {
            if (network.contains(effective)) {
                return PRIVATE;
            }
        }
        return PUBLIC;
    }

    /**
     * The scope of an address literal as tools print it: {@code *} is {@link #ANY}.
     *
     * @throws dev.bulwark.core.ParseException when the text is neither {@code *} nor an address literal
     */
    public static AddressScope of(String addressText) {
        return "*".equals(addressText) ? ANY : of(IpAddresses.parse(addressText));
    }

    /** Whether only the machine itself can reach this address. */
    public boolean isLoopback() {
        return this == LOOPBACK;
    }
}
