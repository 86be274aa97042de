package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ValidationException;
import java.util.Objects;

/**
 * The check every writer that takes one host name applies ({@link KnownHosts#withHost},
 * {@link KnownHosts#withHashedHost}, {@link KnownHosts#withoutHost}, {@link HostNames.Patterns#of},
 * {@link HostNames.Hashed#of}): the name is written as it is, so a character that means something
 * in a host field would widen or change what the line trusts.
 */
final class LiteralHost {

    /** What to use for a pattern instead, quoted in every refusal. */
    static final String PATTERN_HINT = "; to trust a key for a pattern, add "
            + "HostKeyEntry.of(HostNames.parse(\"*.example.org\"), key) with KnownHosts.withEntry";

    private LiteralHost() {
    }

    /** Returns {@code host} when it is one literal host name or address, else throws naming the character. */
    static String check(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new ValidationException("host name is empty");
        }
        char first = host.charAt(0);
        if (first == '#' || first == '@') {
            throw new ValidationException("host '" + HostPattern.printable(host) + "' starts with '" + first
                    + "', which would make the line a " + (first == '#' ? "comment" : "marker")
                    + "; give a host name or address");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new ValidationException("host '" + HostPattern.printable(host) + "' holds whitespace or a control"
                        + " character at index " + i + "; give one host name or address");
            }
            if ("*?[]!,|".indexOf(c) >= 0) {
                throw new ValidationException("host '" + HostPattern.printable(host) + "' holds '" + c + "', which is "
                        + meaning(c) + " in known_hosts; this method takes one literal host name or address"
                        + " (the port separately)" + PATTERN_HINT);
            }
        }
        return host;
    }

    private static String meaning(char c) {
        switch (c) {
            case '*':
            case '?':
                return "a wildcard";
            case '!':
                return "a negation";
            case ',':
                return "a list separator";
            case '|':
                return "the start of a hashed name";
            default:
                return "part of the [host]:port form";
        }
    }
}
