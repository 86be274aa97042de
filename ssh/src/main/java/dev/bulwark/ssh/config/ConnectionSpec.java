package dev.bulwark.ssh.config;

import dev.bulwark.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A connection as {@code sshd -T -C} describes it: who logs in, from where, to which local
 * address and port. Empty strings (and port 0) mean "not given": a {@code Match} criterion on an
 * attribute that is not given does not match, as in sshd's test mode. Group membership is
 * supplied by the caller (sshd looks it up in the system's group database).
 *
 * @param user         the user name, or empty
 * @param groups       the user's groups (for {@code Match Group})
 * @param host         the client's host name, or empty
 * @param address      the client's address, or empty
 * @param localAddress the server address the client connected to, or empty
 * @param localPort    the server port the client connected to, or 0
 * @param rdomain      the routing domain, or empty
 */
public record ConnectionSpec(String user, List<String> groups, String host, String address,
                             String localAddress, int localPort, String rdomain) {

    /** Validates the components: no white space, commas or control characters, port 0 to 65535. */
    public ConnectionSpec {
        check("user", user);
        check("host", host);
        check("address", address);
        check("localAddress", localAddress);
        check("rdomain", rdomain);
        groups = List.copyOf(groups);
        for (String g : groups) {
            check("group", g);
        }
        if (localPort < 0 || localPort > 65535) {
            throw new ValidationException("localPort " + localPort + " is outside 0..65535");
        }
    }

    /** A connection by {@code user} from {@code host} at {@code address}, no groups, no local side. */
    public static ConnectionSpec of(String user, String host, String address) {
        return new ConnectionSpec(user, List.of(), host, address, "", 0, "");
    }

    /** A copy with these groups. */
    public ConnectionSpec withGroups(String... groups) {
        return new ConnectionSpec(user, List.of(groups), host, address, localAddress, localPort, rdomain);
    }

    /** A copy with this local address and port. */
    public ConnectionSpec withLocal(String localAddress, int localPort) {
        return new ConnectionSpec(user, groups, host, address, localAddress, localPort, rdomain);
    }

    /** A copy with this routing domain. */
    public ConnectionSpec withRDomain(String rdomain) {
        return new ConnectionSpec(user, groups, host, address, localAddress, localPort, rdomain);
    }

    /** The {@code -C} argument for {@code sshd -T}, e.g. {@code user=root,host=h,addr=10.0.0.1}. */
    public String toTestSpec() {
        List<String> parts = new ArrayList<>();
        add(parts, "user", user);
        add(parts, "host", host);
        add(parts, "addr", address);
        add(parts, "laddr", localAddress);
        if (localPort != 0) {
            parts.add("lport=" + localPort);
        }
        add(parts, "rdomain", rdomain);
        return String.join(",", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + value);
        }
    }

    private static void check(String field, String value) {
        Objects.requireNonNull(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == ',' || c == 0x7f) {
                throw new ValidationException(field + " must not contain white space, commas or control characters");
            }
        }
    }
}
