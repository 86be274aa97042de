package dev.bulwark.ssh.remote;

import dev.bulwark.core.ValidationException;
import java.util.Objects;

/**
 * Where to connect: a host name or address, a port and the user to log in as.
 *
 * @param host the host name or IP address (no user, no port)
 * @param port the TCP port, 1 to 65535
 * @param user the login name
 */
public record SshTarget(String host, int port, String user) {

    /** Validates the components. */
    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%\\-]+")) {
            throw new ValidationException("host must be a host name or IP address, not '" + printable(host) + "'");
        }
        if (port < 1 || port > 65535) {
            throw new ValidationException("port " + port + " is not between 1 and 65535");
        }
        if (user.isEmpty() || !user.matches("[A-Za-z0-9._][A-Za-z0-9._\\-]*\\$?")) {
            throw new ValidationException("user must be a login name, not '" + printable(user) + "'");
        }
    }

    /** Port 22. */
    public static SshTarget of(String user, String host) {
        return new SshTarget(host, 22, user);
    }

    /** The given port. */
    public static SshTarget of(String user, String host, int port) {
        return new SshTarget(host, port, user);
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** {@code user@host:port}. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
