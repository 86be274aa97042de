package dev.bulwark.firewall.analysis;

import java.util.Locale;

/**
 * What kind of network an interface of the host faces, which decides what a connection arriving
 * on it means: from anyone ({@link #PUBLIC}), from a network the admin controls ({@link #PRIVATE},
 * {@link #VPN}), from containers on this host ({@link #CONTAINER}) or from the host itself
 * ({@link #LOOPBACK}).
 */
public enum InterfaceClass {
    /** Faces the internet or another network anyone can reach. */
    PUBLIC,
    /** A private NIC: a VPC, a LAN, a second network only the admin's machines are on. */
    PRIVATE,
    /** A VPN tunnel ({@code wg0}, {@code tun0}): only its peers send on it. */
    VPN,
    /** A container bridge or veth ({@code docker0}, {@code br-…}, {@code cni0}, {@code veth…}). */
    CONTAINER,
    /** The loopback device: traffic from the machine itself. */
    LOOPBACK;

    /**
     * The class an interface name has by convention, used when the caller gives no interface map:
     * {@code lo} is loopback; {@code wg*}, {@code tun*}, {@code tap*}, {@code tailscale*},
     * {@code zt*} are VPN; {@code docker*}, {@code br-*}, {@code cni*}, {@code veth*},
     * {@code virbr*}, {@code lxcbr*}, {@code lxdbr*}, {@code podman*}, {@code cali*},
     * {@code flannel*}, {@code kube-bridge} are container bridges; every other name is public.
     */
    public static InterfaceClass byConvention(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("lo")) {
            return LOOPBACK;
        }
        for (String p : new String[] {"wg", "tun", "tap", "tailscale", "zt"}) {
            if (n.startsWith(p)) {
                return VPN;
            }
        }
        for (String p : new String[] {"docker", "br-", "cni", "veth", "virbr", "lxcbr", "lxdbr", "podman", "cali",
                "flannel", "kube-bridge"}) {
            if (n.startsWith(p)) {
                return CONTAINER;
            }
        }
        return PUBLIC;
    }

    /** The class's name in lower case, as reports print it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
