package dev.bulwark.vpn.wireguard;

/** The shape of a {@link WireGuardPlan}. */
public enum Topology {
    /** A gateway (the hub) and clients that reach everything through it: road warriors, phones. */
    HUB_AND_SPOKE("hub-and-spoke"),
    /** Every server peers with every other: a private network among servers. */
    MESH("mesh"),
    /** Gateways that join the local networks behind them. */
    SITE_TO_SITE("site-to-site");

    private final String wireName;

    Topology(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in messages, e.g. {@code hub-and-spoke}. */
    public String wireName() {
        return wireName;
    }
}
