package dev.bulwark.firewall.parse;

/** A netfilter hook a base chain is attached to. */
public enum Hook {
    /** Every packet, before routing ({@code prerouting}). */
    PREROUTING,
    /** Packets for this host ({@code input}). */
    INPUT,
    /** Routed packets ({@code forward}). */
    FORWARD,
    /** Locally generated packets ({@code output}). */
    OUTPUT,
    /** Every packet, after routing ({@code postrouting}). */
    POSTROUTING,
    /** nftables {@code netdev} ingress. */
    INGRESS;

    /** The hook an iptables built-in chain of this name is attached to, if it is a built-in name. */
    public static java.util.Optional<Hook> ofBuiltinChain(String chain) {
        for (Hook h : values()) {
            if (h != INGRESS && h.name().equals(chain)) {
                return java.util.Optional.of(h);
            }
        }
        return java.util.Optional.empty();
    }
}
