package dev.bulwark.core.audit;

import dev.bulwark.core.net.AddressScope;
import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.sockets.Netid;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketProcess;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TCP or UDP socket waiting for peers, as the service audit sees it.
 *
 * @param protocol  TCP or UDP
 * @param local     the address and port it listens on
 * @param processes the processes holding it; empty when ss showed none
 * @param scope     who can reach the address: any interface, a public, a private or the loopback one
 */
public record ListeningService(Protocol protocol, Endpoint local, List<SocketProcess> processes, AddressScope scope) {

    /** Validates and copies the components. */
    public ListeningService {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(scope, "scope");
        processes = List.copyOf(processes);
    }

    /**
     * The listening TCP or UDP socket of an ss entry; empty for anything else (connections, Unix,
     * netlink, other protocols, addresses that are neither IP literals nor host names). A host
     * name ({@code ss -r}) gives {@link AddressScope#UNKNOWN}: reachable from anywhere, as far as
     * the audit can tell.
     */
    public static Optional<ListeningService> of(SocketEntry entry) {
        Netid netid = entry.netid();
        if (!entry.isListening() || (netid != Netid.TCP && netid != Netid.UDP)) {
            return Optional.empty();
        }
        Protocol protocol = netid == Netid.TCP ? Protocol.TCP : Protocol.UDP;
        if (entry.local().isHostName()) {
            return Optional.of(new ListeningService(protocol, entry.local(), entry.processes(), AddressScope.UNKNOWN));
        }
        return entry.local().addressScope()
                .map(scope -> new ListeningService(protocol, entry.local(), entry.processes(), scope));
    }

    /**
     * The exposure its address gives it: any or public address is public, private is private,
     * loopback internal; a host name (exposure unknown) is taken as public.
     */
    public Exposure exposure() {
        switch (scope) {
            case LOOPBACK:
                return Exposure.INTERNAL;
            case PRIVATE:
                return Exposure.PRIVATE;
            default:
                return Exposure.PUBLIC;
        }
    }

    /** The port it listens on; 0 when ss printed a service name that no database could map back ({@link #isPortKnown()}). */
    public int port() {
        return local.port();
    }

    /** Whether the port number is known: false for a service name the services database did not know. */
    public boolean isPortKnown() {
        return local.portNumber().isPresent();
    }

    /** The port as a report shows it: the number, or the service name ss printed when it is not known. */
    public String portText() {
        return isPortKnown() ? Integer.toString(local.port()) : local.portText();
    }

    /** Whether the address is IPv4 ({@code 0.0.0.0}, {@code 127.0.0.1}); {@code *} counts as both. */
    public boolean coversIpv4() {
        return local.address().equals(Endpoint.WILDCARD) || local.address().indexOf(':') < 0
                || local.address().startsWith("::ffff:");
    }

    /**
     * Whether the address is IPv6 ({@code ::}, {@code ::1}); {@code *} counts as both, a v4-mapped
     * address ({@code ::ffff:127.0.0.1}) as IPv4 only.
     */
    public boolean coversIpv6() {
        return local.address().equals(Endpoint.WILDCARD)
                || (local.address().indexOf(':') >= 0 && !local.address().startsWith("::ffff:"));
    }

    /** The processes as {@code sshd pid 812, sshd pid 813}, or {@code unknown process}. */
    public String processText() {
        if (processes.isEmpty()) {
            return "unknown process";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            SocketProcess p = processes.get(i);
            out.append(i > 0 ? ", " : "").append(p.name()).append(" pid ").append(p.pid());
        }
        return out.toString();
    }

    /** The finding subject: {@code tcp 0.0.0.0:5432 (postgres pid 812)}. */
    public String subject() {
        return protocol.wireName() + " " + local + " (" + processText() + ")";
    }
}
