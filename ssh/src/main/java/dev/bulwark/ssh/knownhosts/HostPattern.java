package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.config.internal.Patterns;
import java.util.Locale;

/**
 * One pattern of a known_hosts host list: a host name or address, optionally as
 * {@code [host]:port}, with {@code *} and {@code ?} wildcards, negated by a leading {@code !}.
 * Matching is case-insensitive, as in OpenSSH's match.c.
 *
 * @param pattern the pattern without the {@code !}
 * @param negated whether a match excludes the host from the whole line
 */
public record HostPattern(String pattern, boolean negated) {

    /** Validates the pattern: non-empty, no comma, whitespace, {@code |}, {@code !} or control characters. */
    public HostPattern {
        if (pattern == null || pattern.isEmpty()) {
            throw new ValidationException("host pattern is empty");
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == ',' || c == '|' || c == '!' || c <= ' ' || c == 0x7f) {
                throw new ValidationException("host pattern '" + printable(pattern)
                        + "' holds a comma, '|', '!', whitespace or a control character");
            }
        }
    }

    /** Parses one pattern as written, e.g. {@code !*.example.org} or {@code [git.example.org]:2222}. */
    public static HostPattern parse(String text) {
        if (text != null && text.startsWith("!")) {
            return new HostPattern(text.substring(1), true);
        }
        return new HostPattern(text, false);
    }

    /** The name known_hosts stores for a host and port: {@code host}, or {@code [host]:port} when the port is not 22. */
    public static String hostKey(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new ValidationException("port " + port + " is not between 0 and 65535");
        }
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 0 || port == 22 ? lower : "[" + lower + "]:" + port;
    }

    /** Whether {@code name} (as {@link #hostKey} gives it) matches, ignoring negation. */
    public boolean matches(String name) {
        return Patterns.wildcard(name.toLowerCase(Locale.ROOT), pattern.toLowerCase(Locale.ROOT));
    }

    /** The pattern as written, with its {@code !}. */
    public String render() {
        return negated ? "!" + pattern : pattern;
    }

    @Override
    public String toString() {
        return render();
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().limit(80).forEach(c -> out.append(c < ' ' || c == 0x7f ? '?' : (char) c));
        return out.toString();
    }
}
