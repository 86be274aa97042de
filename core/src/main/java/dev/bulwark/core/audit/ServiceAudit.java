package dev.bulwark.core.audit;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.sockets.Netid;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.core.sockets.SocketTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The secure baseline's service audit: which services listen, who can reach them, and does that
 * match the {@link ServicePolicy}? Each finding has a stable id:
 * <ul>
 *   <li>{@code services.internal-exposed}: an internal service listens on all interfaces;</li>
 *   <li>{@code services.private-exposed}: a private service listens on all interfaces (before
 *       2026-12 this was also reported as {@code services.internal-exposed});</li>
 *   <li>{@code services.internal-beyond-loopback}: an internal service listens on a non-loopback address;</li>
 *   <li>{@code services.private-on-public-address}: a private service listens on a public address;</li>
 *   <li>{@code services.unexpected-public}, {@code services.unexpected-private}: a listener reachable
 *       beyond this machine that the policy does not list (should it run at all?);</li>
 *   <li>{@code services.udp-listener}: a UDP listener reachable beyond this machine;</li>
 *   <li>{@code services.ipv4-ipv6-mismatch}: a service on all interfaces of one address family only;</li>
 *   <li>{@code services.bound-to-name}: the listing names a host ({@code ss -r}) in place of the
 *       address, so the exposure is unknown and taken as reachable from anywhere;</li>
 *   <li>{@code services.not-listening}: a service the policy lists that nothing listens on;</li>
 *   <li>{@code services.unknown-process}: a listener without a known process (while others have one);</li>
 *   <li>{@code services.process-info-unavailable}: no listener has a known process, which means
 *       {@code ss} ran without {@code -p} or without root; reported once instead of once per listener.</li>
 * </ul>
 * Loopback listeners the policy does not list are not findings: only this machine reaches them.
 *
 * <pre>{@code
 * ServiceReport report = ServiceAudit.run(LocalHost.create(), policy);
 * System.out.print(report.toText());
 * }</pre>
 */
public final class ServiceAudit {

    /** The command {@link #run} runs: listening TCP and UDP sockets, numeric, with processes. */
    public static final List<String> SS_COMMAND = List.of("ss", "-plunt");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ServiceAudit() {
    }

    /** The findings for a socket listing (from any {@code ss} form) against a policy. */
    public static List<Finding> audit(SocketTable table, ServicePolicy policy) {
        return report(table, policy, "listing").findings();
    }

    /** The full report for a socket listing; {@code source} names where the listing came from. */
    public static ServiceReport report(SocketTable table, ServicePolicy policy, String source) {
        return report(table, policy, source, "");
    }

    private static ServiceReport report(SocketTable table, ServicePolicy policy, String source, String hint) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(policy, "policy");
        List<ListeningService> services = new ArrayList<>();
        Set<Protocol> listed = EnumSet.noneOf(Protocol.class);
        for (SocketEntry s : table.sockets()) {
            ListeningService.of(s).ifPresent(services::add);
            if (s.netid() == Netid.TCP) {
                listed.add(Protocol.TCP);
            } else if (s.netid() == Netid.UDP) {
                listed.add(Protocol.UDP);
            }
        }
        return new ServiceReport(source, policy, services, ServiceRules.check(services, policy, listed, hint));
    }

    /**
     * Runs {@code ss -plunt} on the host and audits what listens there.
     *
     * <p>When no listener shows a process and the host's user is not root, the
     * {@code services.process-info-unavailable} finding says so: {@code ss -p} shows only the
     * caller's own processes without root.
     *
     * @throws CommandNotFoundException when {@code ss} is not installed (Debian package {@code iproute2})
     * @throws dev.bulwark.core.host.CommandFailedException when {@code ss} exits with an error
     * @throws dev.bulwark.core.ParseException when its output is not an ss listing
     * @throws IOException when the command cannot be run, or printed nothing at all (not even
     *     the header ss always prints)
     */
    public static ServiceReport run(Host host, ServicePolicy policy) throws IOException {
        CommandResult result;
        try {
            result = host.run(SS_COMMAND, TIMEOUT);
        } catch (CommandNotFoundException e) {
            CommandNotFoundException clear = new CommandNotFoundException(e.program(),
                    "the service audit runs 'ss -plunt' on " + host.name() + "; install iproute2 there");
            clear.addSuppressed(e);
            throw clear;
        }
        String listing = result.requireSuccess().stdout();
        if (listing.isBlank()) {
            throw new IOException("'ss -plunt' on " + host.name() + " printed nothing, not even its header line;"
                    + " its output was lost, so no listener can be audited");
        }
        SocketTable table = SocketTable.parse(listing, "ss -plunt on " + host.name());
        String hint = "";
        if (table.sockets().stream().allMatch(s -> s.processes().isEmpty())) {
            hint = userId(host).filter(uid -> !uid.equals("0"))
                    .map(uid -> " (ss ran as uid " + uid + ", not root, and then shows only that user's processes)")
                    .orElse("");
        }
        return report(table, policy, host.name(), hint);
    }

    private static Optional<String> userId(Host host) throws IOException {
        try {
            CommandResult id = host.run(List.of("id", "-u"), TIMEOUT);
            String uid = id.stdout().strip();
            return id.isSuccess() && uid.matches("[0-9]{1,10}") ? Optional.of(uid) : Optional.empty();
        } catch (CommandNotFoundException e) {
            return Optional.empty();
        }
    }
}
