package dev.bulwark.firewall.analysis;

import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Objects;

/**
 * Who reaches a service through one incoming interface (or one class of interfaces the rules
 * cannot tell apart).
 *
 * @param iface   the interface's name, or a description such as {@code any other interface}
 * @param kind    what the interface faces
 * @param sources the outside networks whose new connections get through on it (empty: closed on it)
 */
public record InterfaceReach(String iface, InterfaceClass kind, List<IpNetwork> sources) {

    /** Validates and copies the components. */
    public InterfaceReach {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(kind, "kind");
        sources = List.copyOf(sources);
    }

    /** Whether nobody gets through on this interface. */
    public boolean closed() {
        return sources.isEmpty();
    }

    @Override
    public String toString() {
        return closed() ? "closed on " + iface : kind.wireName() + " via " + iface + " from " + sources;
    }
}
