package dev.bulwark.core.audit;

import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One result of an audit: what is wrong (or worth knowing), where, and what to do about it.
 * Every audit in every module returns findings; nothing prints.
 *
 * @param id          a stable, dotted identifier such as {@code ssh.permit-root-login}
 * @param severity    how urgent it is
 * @param subject     what it is about: a file and line, a socket, a rule
 * @param message     what was found, in one sentence
 * @param remediation what to do about it, in one sentence
 */
public record Finding(String id, Severity severity, String subject, String message, String remediation) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

    /** Validates the components. */
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remediation, "remediation");
        if (!ID.matcher(id).matches()) {
            throw new ValidationException("finding id '" + id + "' is not lower-case dotted words");
        }
        if (message.isBlank()) {
            throw new ValidationException("finding " + id + " has a blank message");
        }
    }

    /**
     * The file and line the subject names, when it names one: a subject of the form
     * {@code source:line} or {@code source:line:column} ({@code sshd_config:12},
     * {@code /etc/ssh/sshd_config.d/50-cloud.conf:3:1}), or one ending in such a position in
     * parentheses ({@code Unattended-Upgrade::Mail (/etc/apt/apt.conf.d/50unattended-upgrades:4:1)}).
     * The source must be one word without a colon that is not an IPv4 address, so that an address and
     * port ({@code 10.0.0.1:22}) is never taken for a file. The column is 1 when the subject gives none.
     * JSON and SARIF output use it for the finding's location.
     */
    public Optional<Position> location() {
        String s = subject;
        if (s.endsWith(")")) {
            int open = s.lastIndexOf(" (");
            if (open < 0) {
                return Optional.empty();
            }
            s = s.substring(open + 2, s.length() - 1);
        }
        int last = s.lastIndexOf(':');
        if (last < 0 || !isNumber(s, last + 1, s.length())) {
            return Optional.empty();
        }
        int line = Integer.parseInt(s.substring(last + 1));
        int column = 1;
        int before = s.lastIndexOf(':', last - 1);
        int sourceEnd = last;
        if (before >= 0 && isNumber(s, before + 1, last)) {
            column = line;
            line = Integer.parseInt(s.substring(before + 1, last));
            sourceEnd = before;
        }
        String source = s.substring(0, sourceEnd);
        if (line < 1 || column < 1 || !isSourceName(source)) {
            return Optional.empty();
        }
        return Optional.of(new Position(source, line, column));
    }

    private static boolean isNumber(String s, int from, int to) {
        if (to - from < 1 || to - from > 9) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSourceName(String source) {
        if (source.isEmpty()) {
            return false;
        }
        boolean ipv4Like = true;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
            ipv4Like &= c == '.' || (c >= '0' && c <= '9');
        }
        return !ipv4Like;
    }

    @Override
    public String toString() {
        return severity + " " + id + " [" + subject + "] " + message + " -> " + remediation;
    }
}
