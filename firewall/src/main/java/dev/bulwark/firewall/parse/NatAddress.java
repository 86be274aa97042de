package dev.bulwark.firewall.parse;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.PortRange;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a NAT rule sends a connection: an address range and a port range, each optional
 * ({@code 172.17.0.2:80}, {@code [fd00::2]:8080}, {@code 10.0.0.1-10.0.0.9}, REDIRECT's
 * {@code 8080-8090}, nft's {@code :8080}).
 *
 * @param first the first new address, empty when only the port changes (REDIRECT)
 * @param last  the last new address (the same as {@code first} for one address)
 * @param ports the new destination ports, empty when the port is kept
 */
public record NatAddress(Optional<InetAddress> first, Optional<InetAddress> last, Optional<PortRange> ports) {

    /** Validates the components. */
    public NatAddress {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(ports, "ports");
        if (first.isPresent() != last.isPresent()) {
            throw new IllegalArgumentException("a NAT address range needs both ends");
        }
    }

    /**
     * Reads a NAT target's {@code to} text; empty when it is not in a form Bulwark reads.
     *
     * @param text      the text ({@code --to-destination}, {@code --to-ports}, nft's {@code dnat to})
     * @param portsOnly whether the text holds only ports (iptables' REDIRECT {@code --to-ports})
     */
    public static Optional<NatAddress> tryParse(String text, boolean portsOnly) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (portsOnly && t.indexOf(':') < 0 && t.indexOf('.') < 0) {
            return ports(t).map(p -> new NatAddress(Optional.empty(), Optional.empty(), Optional.of(p)));
        }
        String addr;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            addr = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
        } else {
            int colon = t.indexOf(':');
            if (colon >= 0 && t.indexOf(':', colon + 1) < 0) {
                addr = t.substring(0, colon);
                port = t.substring(colon + 1);
            } else {
                addr = t;
            }
        }
        Optional<PortRange> ports = Optional.empty();
        if (port != null) {
            int slash = port.indexOf('/');
            ports = ports(slash < 0 ? port : port.substring(0, slash));
            if (ports.isEmpty()) {
                return Optional.empty();
            }
        }
        if (addr.isEmpty()) {
            return ports.isPresent() ? Optional.of(new NatAddress(Optional.empty(), Optional.empty(), ports)) : Optional.empty();
        }
        int dash = addr.indexOf('-');
        Optional<InetAddress> first = IpAddresses.tryParse(dash < 0 ? addr : addr.substring(0, dash));
        Optional<InetAddress> last = dash < 0 ? first : IpAddresses.tryParse(addr.substring(dash + 1));
        if (first.isEmpty() || last.isEmpty() || first.get().getAddress().length != last.get().getAddress().length) {
            return Optional.empty();
        }
        return Optional.of(new NatAddress(first, last, ports));
    }

    private static Optional<PortRange> ports(String text) {
        int dash = text.indexOf('-');
        try {
            int a = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
            int b = dash < 0 ? a : Integer.parseInt(text.substring(dash + 1));
            if (a < PortRange.MIN_PORT || b > PortRange.MAX_PORT || a > b) {
                return Optional.empty();
            }
            return Optional.of(PortRange.of(a, b));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the new address is one address (or unchanged). */
    public boolean singleAddress() {
        return first.isEmpty() || first.get().equals(last.get());
    }

    @Override
    public String toString() {
        String a = first.map(f -> {
            String s = IpAddresses.format(f);
            String one = f.getAddress().length == 16 && ports.isPresent() ? "[" + s + "]" : s;
            return singleAddress() ? one : one + "-" + IpAddresses.format(last.get());
        }).orElse("");
        return a + ports.map(p -> ":" + p).orElse("");
    }
}
