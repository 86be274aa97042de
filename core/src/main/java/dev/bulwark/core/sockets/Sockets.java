package dev.bulwark.core.sockets;

import dev.bulwark.core.ParseResult;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.stream.Stream;

/**
 * The front door to socket listings and the service audit, for JShell and first-time users.
 *
 * <pre>{@code
 * SocketTable table = Sockets.parse(ssOutput);            // any ss form
 * ServiceReport report = Sockets.local();                 // audit this machine
 * System.out.print(report.toText());
 * }</pre>
 */
public final class Sockets {

    private Sockets() {
    }

    /** Parses an ss listing strictly; see {@link SocketTable#parse(CharSequence)}. */
    public static SocketTable parse(CharSequence ssOutput) {
        return SocketTable.parse(ssOutput);
    }

    /** Parses what can be parsed of an ss listing; see {@link SocketTable#parseLenient(CharSequence)}. */
    public static ParseResult<SocketTable> parseLenient(CharSequence ssOutput) {
        return SocketTable.parseLenient(ssOutput);
    }

    /** Streams the sockets of a listing of any size; see {@link SocketTable#stream(Reader)}. */
    public static Stream<SocketEntry> stream(Reader ssOutput) {
        return SocketTable.stream(ssOutput);
    }

    /** The listening sockets of an ss listing. */
    public static List<SocketEntry> listening(CharSequence ssOutput) {
        return SocketTable.parse(ssOutput).listening();
    }

    /**
     * Audits this machine with an empty policy: every listener reachable beyond loopback is
     * reported. Runs {@code ss -plunt}; run as root to see every listener's process.
     *
     * @throws IOException when ss is missing or fails
     */
    public static ServiceReport local() throws IOException {
        return local(ServicePolicy.empty());
    }

    /**
     * Audits this machine against {@code policy}.
     *
     * @throws IOException when ss is missing or fails
     */
    public static ServiceReport local(ServicePolicy policy) throws IOException {
        return audit(LocalHost.create(), policy);
    }

    /**
     * Audits a host (this one, or a remote one over SSH) against {@code policy}.
     *
     * @throws IOException when ss is missing or fails, or the host cannot be reached
     */
    public static ServiceReport audit(Host host, ServicePolicy policy) throws IOException {
        return ServiceAudit.run(host, policy);
    }
}
