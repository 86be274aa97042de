package dev.bulwark.firewall.parse.internal;

/** The words an {@code iptables-save} line is mostly made of, so that reading them allocates nothing. Not API. */
final class Keywords {

    /** Options, modules, targets and common values. */
    static final Words WORDS = Words.of(
            "-A", "--append", "!", "-p", "--protocol", "-s", "--source", "--src", "-d", "--destination", "--dst",
            "-i", "--in-interface", "-o", "--out-interface", "-f", "--fragment", "-j", "--jump", "-g", "--goto",
            "-m", "--match", "-c", "--set-counters",
            "tcp", "udp", "icmp", "sctp", "udplite", "icmp6", "ipv6-icmp", "icmpv6", "all", "esp", "ah", "gre",
            "multiport", "conntrack", "state", "comment", "limit", "hashlimit", "recent", "iprange", "set",
            "addrtype", "mark", "connmark", "mac", "owner", "physdev", "pkttype", "length", "ttl", "hl", "dscp",
            "tos", "u32", "string", "rpfilter", "policy", "connlimit",
            "--dport", "--sport", "--destination-port", "--source-port", "--dports", "--sports", "--ports",
            "--destination-ports", "--source-ports", "--syn", "--tcp-flags", "--ctstate", "--state", "--comment",
            "--limit", "--limit-burst", "--hashlimit-name", "--hashlimit-upto", "--hashlimit-above", "--hashlimit",
            "--hashlimit-mode", "--hashlimit-burst", "--name", "--set", "--rcheck", "--update", "--remove",
            "--seconds", "--hitcount", "--rsource", "--rdest", "--mask", "--src-range", "--dst-range",
            "--match-set", "--src-type", "--dst-type", "--icmp-type", "--icmpv6-type", "--mark",
            "ACCEPT", "DROP", "RETURN", "REJECT", "LOG", "NFLOG", "DNAT", "SNAT", "MASQUERADE", "REDIRECT", "CT",
            "NOTRACK", "MARK", "CONNMARK", "TPROXY", "NFQUEUE", "TCPMSS", "--reject-with", "--log-prefix",
            "--log-level", "--nflog-prefix", "--to-destination", "--to-source", "--to-ports", "tcp-reset",
            "icmp-port-unreachable", "icmp-host-prohibited", "icmp-admin-prohibited", "icmp6-port-unreachable",
            "NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED", "RELATED,ESTABLISHED", "ESTABLISHED,RELATED",
            "NEW,ESTABLISHED", "src", "dst", "LOCAL", "BROADCAST", "MULTICAST", "UNICAST",
            "lo", "eth0", "eth1", "eth2", "eth3", "docker0");

    private Keywords() {
    }
}
