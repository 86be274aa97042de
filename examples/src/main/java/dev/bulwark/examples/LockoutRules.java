package dev.bulwark.examples;

import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The rules that keep the admin's way in open ({@link ManagementPath}), one method a rule, each
 * giving the sentence that says why a spec is refused and what to write instead. The parser calls
 * them with the position of the offending word; {@link BaselineSpec}'s constructor calls them all.
 */
final class LockoutRules {

    /** The service name that sets sshd's port and the management path. */
    static final String SSH = "ssh";

    private LockoutRules() {
    }

    /** Root cannot be the admin: the kit turns root login off. */
    static Optional<String> admin(String admin) {
        return admin.equals("root") ? Optional.of("'root' cannot be the admin: the kit sets PermitRootLogin no,"
                + " so root could not log in over SSH; name an unprivileged account that uses sudo, e.g. 'admin alice'")
                : Optional.empty();
    }

    /** The ssh service must be one TCP port that the firewall opens beyond this machine. */
    static Optional<String> sshService(ExpectedService ssh) {
        if (ssh.exposure() == Exposure.INTERNAL) {
            return Optional.of("'internal ssh' would close sshd's port " + ssh.ports().first() + " to everyone but"
                    + " this machine and lock the admin out; write 'private ssh tcp/" + ssh.ports().first()
                    + " from NETWORK...' or 'public ssh tcp/" + ssh.ports().first() + "'");
        }
        if (ssh.protocol() != Protocol.TCP || ssh.ports().first() != ssh.ports().last()) {
            return Optional.of("the ssh service must be one TCP port (sshd's), not '"
                    + ssh.protocol().name().toLowerCase(java.util.Locale.ROOT) + "/" + ssh.ports() + "'; write e.g. 'tcp/22'");
        }
        return Optional.empty();
    }

    /** A declared admin source must lie inside a network of a private ssh service. */
    static Optional<String> source(IpNetwork source, ExpectedService ssh) {
        if (ssh.exposure() != Exposure.PRIVATE || ssh.allowedFrom().stream().anyMatch(n -> n.contains(source))) {
            return Optional.empty();
        }
        String from = String.join(" ", ssh.allowedFrom().stream().map(IpNetwork::toString).toList());
        return Optional.of("admin source " + source + " is outside the ssh service's networks (" + from
                + "): the firewall would close SSH to the admin; add it, e.g. 'private ssh tcp/" + ssh.ports().first()
                + " from " + from + " " + source + "'");
    }

    /** {@code allow-users} must name the admin. */
    static Optional<String> allowUsers(String admin, List<String> allowUsers) {
        if (allowUsers.isEmpty() || allowUsers.contains(admin)) {
            return Optional.empty();
        }
        return Optional.of("'allow-users " + String.join(" ", allowUsers) + "' leaves out the admin '" + admin
                + "': sshd would refuse the admin's login; write 'allow-users " + admin + " "
                + String.join(" ", allowUsers) + "'");
    }

    /** {@code allow-groups} must name a group the admin is declared in ({@code admin-groups}). */
    static Optional<String> allowGroups(String admin, List<String> adminGroups, List<String> allowGroups) {
        if (allowGroups.isEmpty() || !Collections.disjoint(adminGroups, allowGroups)) {
            return Optional.empty();
        }
        return Optional.of("'allow-groups " + String.join(" ", allowGroups) + "' admits only members of those groups"
                + " and the admin '" + admin + "' is declared in none of them: sshd would refuse the admin's login;"
                + " add 'admin-groups " + allowGroups.get(0) + "' if " + admin + " is a member, or drop 'allow-groups'");
    }

    /** No other service may take sshd's TCP port: its firewall rule would contradict the admin's. */
    static Optional<String> portTaken(ExpectedService other, int sshPort) {
        if (other.name().equals(SSH) || !other.covers(Protocol.TCP, sshPort)) {
            return Optional.empty();
        }
        return Optional.of("'" + other.name() + "' (tcp/" + other.ports() + ") takes sshd's port " + sshPort
                + ", the admin's way in; give " + other.name() + " another port, or move sshd with"
                + " 'private ssh tcp/PORT from NETWORK...'");
    }

    /** The first rule a spec with these parts breaks, if any. */
    static Optional<String> firstProblem(String admin, List<ExpectedService> services, List<IpNetwork> adminSources,
            List<String> allowUsers, List<String> allowGroups, List<String> adminGroups) {
        Optional<String> p = admin(admin);
        Optional<ExpectedService> ssh = services.stream().filter(s -> s.name().equals(SSH)).findFirst();
        if (p.isEmpty() && ssh.isPresent()) {
            p = sshService(ssh.get());
        }
        for (int i = 0; p.isEmpty() && ssh.isPresent() && i < adminSources.size(); i++) {
            p = source(adminSources.get(i), ssh.get());
        }
        int port = ssh.map(s -> s.ports().first()).orElse(22);
        for (int i = 0; p.isEmpty() && i < services.size(); i++) {
            p = portTaken(services.get(i), port);
        }
        if (p.isEmpty()) {
            p = allowUsers(admin, allowUsers);
        }
        return p.isEmpty() ? allowGroups(admin, adminGroups, allowGroups) : p;
    }
}
