package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An IP protocol a service or firewall rule speaks, with its wire name (as iptables, nftables, ufw
 * and {@code ss} write it) and its IANA protocol number.
 */
public enum Protocol {
    /** Transmission Control Protocol, number 6. */
    TCP("tcp", 6),
    /** User Datagram Protocol, number 17. */
    UDP("udp", 17),
    /** ICMP for IPv4, number 1. */
    ICMP("icmp", 1),
    /** ICMP for IPv6, number 58 ({@code ipv6-icmp} in /etc/protocols). */
    ICMPV6("icmpv6", 58);

    private final String wireName;
    private final int number;

    Protocol(String wireName, int number) {
        this.wireName = wireName;
        this.number = number;
    }

    /** The lower-case name, such as {@code tcp}. */
    public String wireName() {
        return wireName;
    }

    /** The IANA protocol number, such as 6 for TCP. */
    public int number() {
        return number;
    }

    /** Whether the protocol has ports (TCP and UDP). */
    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }

    /**
     * The protocol with this wire name, in any case; {@code ipv6-icmp} and {@code icmp6} are accepted
     * for {@link #ICMPV6}.
     *
     * @throws ParseException for any other name
     */
    public static Protocol parse(String text) {
        Objects.requireNonNull(text, "text");
        String name = text.toLowerCase(Locale.ROOT);
        for (Protocol protocol : values()) {
            if (protocol.wireName.equals(name)) {
                return protocol;
            }
        }
        if (name.equals("ipv6-icmp") || name.equals("icmp6")) {
            return ICMPV6;
        }
        throw Syntax.error(Syntax.STRING, 0, "unknown protocol (expected tcp, udp, icmp or icmpv6)", text);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<Protocol> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
