package dev.bulwark.core.audit;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service a policy expects on the machine, and who may reach it.
 *
 * @param name        a short name for reports ({@code ssh}, {@code postgres}); letters, digits, {@code .-_}
 * @param protocol    TCP or UDP
 * @param ports       the port or ports it listens on
 * @param exposure    public (anyone), private (only {@code allowedFrom}) or internal (this machine only)
 * @param allowedFrom for a private service, the networks that may connect; empty otherwise
 */
public record ExpectedService(String name, Protocol protocol, PortRange ports, Exposure exposure,
        List<IpNetwork> allowedFrom) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the components: a private service names its networks, others name none. */
    public ExpectedService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(exposure, "exposure");
        allowedFrom = List.copyOf(allowedFrom);
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException("service name '" + name
                    + "' must be 1 to 64 letters, digits, '.', '-' or '_'");
        }
        if (!protocol.hasPorts()) {
            throw new ValidationException("service " + name + ": protocol " + protocol.wireName()
                    + " has no ports (use tcp or udp)");
        }
        if (exposure == Exposure.PRIVATE && allowedFrom.isEmpty()) {
            throw new ValidationException("private service " + name + " names no networks it is private to");
        }
        if (exposure != Exposure.PRIVATE && !allowedFrom.isEmpty()) {
            throw new ValidationException(exposure.wireName() + " service " + name
                    + " names networks; only private services have them");
        }
    }

    /** Whether this service covers {@code port} over {@code protocol}. */
    public boolean covers(Protocol protocol, int port) {
        return this.protocol == protocol && ports.contains(port);
    }

    /** The exposure as a report shows it: {@code public}, {@code internal}, {@code private (10.0.0.0/8)}. */
    public String exposureText() {
        if (exposure != Exposure.PRIVATE) {
            return exposure.wireName();
        }
        StringBuilder out = new StringBuilder("private (");
        for (int i = 0; i < allowedFrom.size(); i++) {
            out.append(i > 0 ? ", " : "").append(allowedFrom.get(i));
        }
        return out.append(')').toString();
    }
}
