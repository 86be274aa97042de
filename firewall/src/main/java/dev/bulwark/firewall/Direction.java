package dev.bulwark.firewall;

/** Which traffic a rule is about, relative to the machine the firewall runs on. */
public enum Direction {
    /** Traffic addressed to this machine (iptables INPUT, nftables hook input). */
    IN("in"),
    /** Traffic this machine sends (iptables OUTPUT, nftables hook output). */
    OUT("out"),
    /** Traffic this machine routes between interfaces (iptables FORWARD, nftables hook forward, ufw route). */
    ROUTED("routed");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    /** The name ufw uses: {@code in}, {@code out}, {@code routed}. */
    public String wireName() {
        return wireName;
    }
}
