package dev.bulwark.core.audit;

import dev.bulwark.core.ValidationException;
import java.util.Objects;
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

    @Override
    public String toString() {
        return severity + " " + id + " [" + subject + "] " + message + " -> " + remediation;
    }
}
