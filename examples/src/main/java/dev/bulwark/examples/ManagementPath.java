package dev.bulwark.examples;

import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Objects;

/**
 * The way in that the kit must never close: the admin user, the port sshd listens on and the
 * networks the admin connects from. Every firewall the kit renders allows it ahead of every other
 * rule, and sshd's settings admit it; a spec that would close it is refused.
 *
 * @param adminUser    the one account that logs in over SSH
 * @param sshPort      the TCP port sshd listens on
 * @param adminSources the networks the admin connects from; empty means from anywhere
 * @param declared     whether the spec has an {@code ssh} service line (else the kit adds SSH itself)
 */
public record ManagementPath(String adminUser, int sshPort, List<IpNetwork> adminSources, boolean declared) {

    /** Copies the list and checks the port. */
    public ManagementPath {
        Objects.requireNonNull(adminUser, "adminUser");
        adminSources = List.copyOf(adminSources);
        if (sshPort < 1 || sshPort > 65535) {
            throw new IllegalArgumentException("ssh port " + sshPort + " is not between 1 and 65535");
        }
    }

    /** Whether the admin may connect from any address. */
    public boolean fromAnywhere() {
        return adminSources.isEmpty();
    }

    /** The sources as a report shows them: {@code anywhere} or the networks joined by ", ". */
    public String sourcesText() {
        return fromAnywhere() ? "anywhere" : String.join(", ", adminSources.stream().map(IpNetwork::toString).toList());
    }
}
