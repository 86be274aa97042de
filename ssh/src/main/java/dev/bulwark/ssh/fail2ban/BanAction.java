package dev.bulwark.ssh.fail2ban;

/** The firewall fail2ban bans with: {@code banaction}, a file in {@code action.d}. */
public enum BanAction {
    /** nftables, banning on the jail's ports ({@code action.d/nftables-multiport.conf}). */
    NFTABLES("nftables-multiport"),
    /** iptables, banning on the jail's ports ({@code action.d/iptables-multiport.conf}). */
    IPTABLES("iptables-multiport"),
    /** ufw ({@code action.d/ufw.conf}). */
    UFW("ufw");

    private final String wireName;

    BanAction(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written in jail.local. */
    public String wireName() {
        return wireName;
    }
}
