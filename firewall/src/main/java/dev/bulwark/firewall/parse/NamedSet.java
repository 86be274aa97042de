package dev.bulwark.firewall.parse;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named set or map of an nftables table ({@code set allowed { type ipv4_addr; flags interval;
 * elements = { ... } }}), or an ipset an iptables rule refers to, kept as read. Rules that look
 * it up are lowered to its elements when they are fixed; a set whose members change at run time
 * ({@code flags dynamic}, a timeout, or filled by rules with {@code add}/{@code update}) is
 * {@link #dynamic()}, and lookups in it are taken both ways by the analysis.
 *
 * @param name     the set's name
 * @param type     the element type, one part per concatenated field ({@code ipv4_addr},
 *                 {@code inet_service}); for a map the key type only
 * @param map      whether it is a map ({@code map} with a {@code :} value type, verdict maps too)
 * @param flags    the flags as written ({@code interval}, {@code timeout}, {@code dynamic}, {@code constant})
 * @param timeout  the default element timeout, if any
 * @param elements the elements as written, one entry each ({@code 10.0.0.0/8}, {@code 10.0.0.1 . 22},
 *                 {@code 22 : accept})
 * @param dynamic  whether its members can change while the ruleset runs
 */
public record NamedSet(String name, List<String> type, boolean map, Set<String> flags, Optional<Duration> timeout,
                       List<String> elements, boolean dynamic) {

    /** Validates and copies the components. */
    public NamedSet {
        Objects.requireNonNull(name, "name");
        type = List.copyOf(type);
        flags = Set.copyOf(flags);
        Objects.requireNonNull(timeout, "timeout");
        elements = List.copyOf(elements);
    }

    @Override
    public String toString() {
        return (map ? "map " : "set ") + name + " " + String.join(" . ", type) + " (" + elements.size() + " elements"
                + (dynamic ? ", dynamic" : "") + ")";
    }
}
