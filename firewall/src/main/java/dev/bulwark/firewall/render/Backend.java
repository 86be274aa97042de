package dev.bulwark.firewall.render;

/** The firewall tools Bulwark renders for. Each has its own grammar and its own limits. */
public enum Backend {
    /** Uncomplicated Firewall: {@code ufw} commands and {@code /etc/ufw/user.rules}. */
    UFW("ufw"),
    /** firewalld: {@code firewall-cmd --permanent} commands and zone XML. */
    FIREWALLD("firewalld"),
    /** iptables and ip6tables: {@code iptables-restore} files. */
    IPTABLES("iptables"),
    /** nftables: an {@code nft -f} file. */
    NFTABLES("nftables");

    private final String wireName;

    Backend(String wireName) {
        this.wireName = wireName;
    }

    /** The tool's name as written in messages: {@code ufw}, {@code firewalld}, {@code iptables}, {@code nftables}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
