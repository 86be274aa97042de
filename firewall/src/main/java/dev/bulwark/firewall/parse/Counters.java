package dev.bulwark.firewall.parse;

/**
 * Packet and byte counters of a chain or rule, as {@code iptables-save -c} prints them
 * ({@code [packets:bytes]}).
 *
 * @param packets packets counted
 * @param bytes   bytes counted
 */
public record Counters(long packets, long bytes) {

    /** Zero packets, zero bytes. */
    public static final Counters ZERO = new Counters(0, 0);

    /** Validates the components. */
    public Counters {
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("counters [" + packets + ":" + bytes + "] are negative");
        }
    }

    @Override
    public String toString() {
        return "[" + packets + ":" + bytes + "]";
    }
}
