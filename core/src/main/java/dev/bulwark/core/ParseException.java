package dev.bulwark.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Text could not be parsed. Carries where ({@link #position()}), why ({@link #reason()}) and, where
 * it is safe to show, the offending text ({@link #offendingText()}).
 *
 * <p>The message has the form {@code sshd_config:12:1: unknown keyword 'PermitRootLogn'}. Parsers of
 * secret material (private keys) never pass the offending text, so a message never leaks a secret.
 */
public class ParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    /** Offending text is quoted up to this many characters, then elided. */
    private static final int MAX_QUOTED = 120;

    private final transient Position position;
    private final String reason;
    private final String offendingText;

    /**
     * A parse failure that quotes the offending text.
     *
     * @param position      where the failure is
     * @param reason        what is wrong, without the position
     * @param offendingText the text at fault; {@code null} when it must not be shown
     */
    public ParseException(Position position, String reason, String offendingText) {
        this(position, reason, offendingText, null);
    }

    /** A parse failure that does not quote any input (for secret material). */
    public ParseException(Position position, String reason) {
        this(position, reason, null, null);
    }

    /**
     * A parse failure with an underlying cause.
     *
     * @param position      where the failure is
     * @param reason        what is wrong, without the position
     * @param offendingText the text at fault; {@code null} when it must not be shown
     * @param cause         the underlying cause, or {@code null}
     */
    public ParseException(Position position, String reason, String offendingText, Throwable cause) {
        super(format(position, reason, offendingText), cause);
        this.position = Objects.requireNonNull(position, "position");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.offendingText = offendingText;
    }

    private static String format(Position position, String reason, String offendingText) {
        String message = position + ": " + reason;
        if (offendingText != null && !reason.contains("'" + offendingText + "'")) {
            message += " in '" + quote(offendingText) + "'";
        }
        return message;
    }

    /** Makes text printable in one line: control characters escaped, long text elided. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_QUOTED && text.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.toString();
    }

    /** Where the failure is. */
    public Position position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** The text at fault, if it may be shown. */
    public Optional<String> offendingText() {
        return Optional.ofNullable(offendingText);
    }
}
