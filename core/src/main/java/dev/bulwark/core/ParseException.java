package dev.bulwark.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Text could not be parsed. Carries where ({@link #position()}), why ({@link #reason()}) and, where
 * it is safe to show, the offending text ({@link #offendingText()}).
 *
 * <p>The message has the form {@code sshd_config:12:1: unknown keyword 'PermitRootLogn'}. Parsers of
 * secret material (private keys) never pass the offending text, so a message never leaks a secret.
 *
 * <p>Whatever a parser passes, the message stays one bounded line: control characters are escaped,
 * the reason is cut after {@value #MAX_REASON} characters and the offending text after
 * {@value #MAX_QUOTED}, so a 10 MB input line never becomes a 10 MB message. Parsers quote the
 * place of an error with {@link #excerpt(CharSequence, int)}, which looks at a bounded window only,
 * so that reporting many errors on one long line stays linear.
 */
public class ParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    /** Offending text is quoted up to this many characters, then elided. */
    public static final int MAX_QUOTED = 120;
    /** The reason is shown up to this many characters, then elided. */
    public static final int MAX_REASON = 500;
    /** The offending text is kept up to this many characters (its message shows fewer). */
    private static final int MAX_KEPT = 1024;
    /** How far {@link #excerpt} looks back from the place of an error for the start of its line. */
    private static final int EXCERPT_BEFORE = 40;

    private final transient Position position;
    private final String reason;
    private final String offendingText;
    /** The formatted message, made on first use; written out with the exception (the position is not). */
    private volatile String message;

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
        super(null, cause);
        this.position = Objects.requireNonNull(position, "position");
        this.reason = bounded(reason);
        this.offendingText = kept(offendingText);
    }

    /**
     * {@code source:line:column: reason in 'offending text'}, made when first asked for, so that a
     * lenient parse that meets a million errors and keeps a thousand formats only those it shows.
     */
    @Override
    public String getMessage() {
        String formatted = message;
        if (formatted == null) {
            formatted = format(position, reason, offendingText);
            message = formatted;
        }
        return formatted;
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        getMessage();
        out.defaultWriteObject();
    }

    private static String bounded(String reason) {
        return quote(Objects.requireNonNull(reason, "reason"), MAX_REASON);
    }

    private static String kept(String offendingText) {
        return offendingText == null ? null : offendingText.substring(0, Math.min(offendingText.length(), MAX_KEPT));
    }

    private static String format(Position position, String reason, String offendingText) {
        String message = position + ": " + reason;
        if (offendingText != null) {
            String quoted = quote(offendingText, MAX_QUOTED);
            if (!reason.contains("'" + quoted + "'")) {
                message += " in '" + quoted + "'";
            }
        }
        return message;
    }

    /**
     * A bounded excerpt of the line of {@code text} around {@code index}, for the offending text of
     * an error there: at most {@value #EXCERPT_BEFORE} characters before it and {@value #MAX_QUOTED}
     * in all with the marks of a cut, without the line break. It reads only that window, so its cost does not depend on the
     * length of the line. A cut at either end is marked {@code ...}.
     *
     * @param text  the whole input
     * @param index where the error is (0 to {@code text.length()})
     */
    public static String excerpt(CharSequence text, int index) {
        int at = Math.max(0, Math.min(index, text.length()));
        int start = at;
        while (start > 0 && at - start < EXCERPT_BEFORE && !isLineBreak(text.charAt(start - 1))) {
            start--;
        }
        boolean cutStart = start > 0 && !isLineBreak(text.charAt(start - 1));
        int end = at;
        while (end < text.length() && end - start < MAX_QUOTED - 6 && !isLineBreak(text.charAt(end))) {
            end++;
        }
        boolean cutEnd = end < text.length() && !isLineBreak(text.charAt(end));
        return (cutStart ? "..." : "") + text.subSequence(start, end) + (cutEnd ? "..." : "");
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /** Makes text printable in one line: control characters escaped, text longer than {@code max} elided. */
    static String quote(String text, int max) {
        if (text.length() <= max && text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
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
        if (out.length() >= max && text.length() > max) {
            out.append("...");
        }
        return out.toString();
    }

    /** Where the failure is. */
    public Position position() {
        return position;
    }

    /** What is wrong, without the position (one line, at most {@value #MAX_REASON} characters and an ellipsis). */
    public String reason() {
        return reason;
    }

    /** The text at fault (its first 1,024 characters), if it may be shown. */
    public Optional<String> offendingText() {
        return Optional.ofNullable(offendingText);
    }
}
