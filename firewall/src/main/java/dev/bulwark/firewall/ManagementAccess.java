package dev.bulwark.firewall;

import dev.bulwark.core.net.IpNetwork;
import java.util.Objects;

/**
 * The connection an administrator manages the machine through (SSH from a known network). The
 * renderers put an allow for it into the frame, ahead of every rule, so that applying a policy
 * never locks its author out; the policy's own rules and checks are not involved.
 *
 * @param source the administrator's source network
 * @param port   the SSH port on this machine (TCP)
 */
public record ManagementAccess(IpNetwork source, int port) {

    /** Validates the components. */
    public ManagementAccess {
        Objects.requireNonNull(source, "source");
        if (port < 1 || port > 65535) {
            throw new dev.bulwark.core.ValidationException("management port " + port + " is outside 1-65535");
        }
    }

    /** The IP version of the source network. */
    public IpVersion version() {
        return IpVersion.of(source.address());
    }
}
