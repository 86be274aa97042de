package dev.bulwark.firewall.analysis;

import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketEntry;
import java.util.List;
import java.util.Objects;

/**
 * Who can open a new connection to one listening socket through the deployed rules.
 *
 * @param socket  the socket, as {@code ss} listed it
 * @param level   {@link Exposure#PUBLIC} (from any address, or all but a few),
 *                {@link Exposure#PRIVATE} (only from {@link #sources()}), or
 *                {@link Exposure#INTERNAL} (only from the machine itself: bound to loopback, or no
 *                outside source gets through)
 * @param sources the outside networks whose new connections the rules let through (empty when
 *                internal), the smallest exact list of CIDR blocks, IPv4 first
 * @param notes   what the analysis assumed for this socket (rate limits taken as passing, a family
 *                without rules, connections diverted by DNAT), in plain words
 * @param via     who gets through per incoming interface (or class of interfaces), including the
 *                interfaces it is closed on
 */
public record SocketExposure(SocketEntry socket, Exposure level, List<IpNetwork> sources, List<String> notes,
                             List<InterfaceReach> via) {

    /** A result without the per-interface breakdown. */
    public SocketExposure(SocketEntry socket, Exposure level, List<IpNetwork> sources, List<String> notes) {
        this(socket, level, sources, notes, List.of());
    }

    /** Validates and copies the components. */
    public SocketExposure {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(level, "level");
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
        via = List.copyOf(via);
        if (level == Exposure.INTERNAL && !sources.isEmpty()) {
            throw new IllegalArgumentException("an internal socket has no outside sources, got " + sources);
        }
        if (level != Exposure.INTERNAL && sources.isEmpty()) {
            throw new IllegalArgumentException("a " + level.wireName() + " socket needs at least one source");
        }
    }

    @Override
    public String toString() {
        String head = socket.netidName() + " " + socket.local() + " " + level.wireName();
        boolean uniform = via.stream().allMatch(v -> v.sources().equals(sources));
        if (level == Exposure.INTERNAL || uniform) {
            return head + (level == Exposure.PRIVATE ? " from " + sources : "");
        }
        StringBuilder open = new StringBuilder();
        StringBuilder closed = new StringBuilder();
        for (InterfaceReach v : via) {
            StringBuilder to = v.closed() ? closed : open;
            to.append(to.length() == 0 ? "" : ", ").append(v.closed() ? v.iface() : v.iface() + " from " + v.sources());
        }
        return head + " via " + open + (closed.length() == 0 ? "" : "; closed on " + closed);
    }
}
