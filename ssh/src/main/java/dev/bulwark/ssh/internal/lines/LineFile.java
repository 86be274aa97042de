package dev.bulwark.ssh.internal.lines;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The line loop shared by authorized_keys and known_hosts files: splitting text into lines that
 * render back byte for byte, telling comment lines from entries, strict and lenient error handling,
 * and the checks on a kept comment or invalid line. Not API.
 *
 * @param <L> the file's line type
 */
public final class LineFile<L> {

    /** Parses one entry line (1-based {@code lineNumber}), throwing a positioned {@link ParseException}. */
    @FunctionalInterface
    public interface EntryParser<L> {
        /** The entry on this line. */
        L parse(String line, String source, int lineNumber);
    }

    private final List<L> lines;
    private final boolean finalNewline;

    private LineFile(List<L> lines, boolean finalNewline) {
        this.lines = lines;
        this.finalNewline = finalNewline;
    }

    /**
     * Splits {@code text} at line feeds and parses each line: blank and {@code #} lines through
     * {@code comment}, the others through {@code entry}. With {@code diagnostics} null the first
     * error is thrown; otherwise up to {@link ParseResult#MAX_DIAGNOSTICS} errors are added to it and
     * the bad lines kept through {@code invalid} (line text, error message).
     */
    public static <L> LineFile<L> parse(String text, String source, Function<String, ? extends L> comment,
            EntryParser<? extends L> entry, BiFunction<String, String, ? extends L> invalid,
            List<ParseException> diagnostics) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        String[] raw = text.split("\n", -1);
        int count = raw.length - 1;
        boolean finalNewline = true;
        if (!raw[count].isEmpty()) {
            count++;
            finalNewline = false;
        }
        List<L> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String line = raw[i];
            String body = KeyField.body(line);
            int start = KeyField.skipBlanks(body, 0);
            if (start == body.length() || body.charAt(start) == '#') {
                lines.add(comment.apply(line));
                continue;
            }
            try {
                lines.add(entry.parse(line, source, i + 1));
            } catch (ParseException e) {
                if (diagnostics == null) {
                    throw e;
                }
                if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) {
                    diagnostics.add(e);
                }
                lines.add(invalid.apply(line, e.getMessage()));
            }
        }
        return new LineFile<>(lines, finalNewline);
    }

    /** The parsed lines in order. */
    public List<L> lines() {
        return lines;
    }

    /** Whether the text ended with a line feed. */
    public boolean finalNewline() {
        return finalNewline;
    }

    /** Each line's text joined by line feeds, with a final one when {@code finalNewline}. */
    public static <L> String render(List<L> lines, Function<? super L, String> text, boolean finalNewline) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(text.apply(lines.get(i)));
            if (i < lines.size() - 1 || finalNewline) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Checks the text of a kept comment line: one line, blank or starting with {@code #}.
     *
     * @throws ValidationException otherwise
     */
    public static void checkComment(String text) {
        checkLine(text);
        String body = text.strip();
        if (!body.isEmpty() && !body.startsWith("#")) {
            throw new ValidationException("comment line must start with '#' or be blank");
        }
    }

    /**
     * Checks a kept invalid line: one line, with a reason.
     *
     * @throws ValidationException otherwise
     */
    public static void checkInvalid(String text, String reason) {
        checkLine(text);
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("invalid line needs a reason");
        }
    }

    private static void checkLine(String text) {
        if (text == null || text.indexOf('\n') >= 0) {
            throw new ValidationException("a line must not contain a line feed");
        }
    }
}
