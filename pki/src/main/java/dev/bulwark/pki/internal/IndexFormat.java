package dev.bulwark.pki.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The store's index file: a header line, then one line per certificate with six tab-separated
 * fields: status ({@code V} valid or {@code R} revoked), serial (upper-case hex, written with an even
 * number of digits as openssl does; read with or without the leading zero older stores wrote), notAfter and
 * revocation time (ISO-8601 instants, {@code -} when not revoked), reason (RFC 5280 name or
 * {@code -}) and subject (RFC 2253, {@code %XX}-escaped for {@code %}, tab and control characters).
 * Parsing is strict: any deviation, or a serial listed twice, is a positioned ParseException. Not API.
 */
public final class IndexFormat {

    /** The first line of every index file. */
    public static final String HEADER = "# bulwark-pki index v1";
    private static final Pattern SERIAL = Pattern.compile("[0-9A-F]{1,40}");
    private static final Pattern ESCAPE = Pattern.compile("%[0-9A-F]{2}");

    private IndexFormat() {
    }

    /** Parses a whole index. */
    public static List<IndexEntry> parse(String text, String source) {
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new ParseException(Position.of(source, 1), "index is empty or its last line is incomplete");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (!lines[0].equals(HEADER)) {
            throw new ParseException(Position.of(source, 1), "missing header '" + HEADER + "'", lines[0]);
        }
        List<IndexEntry> entries = new ArrayList<>(lines.length);
        parseLines(lines, 1, 2, entries, new HashSet<BigInteger>()::add, source);
        return entries;
    }

    /**
     * Parses {@code lines[from..]}, the first of them line {@code firstNumber} of the file, adding
     * them to {@code entries}; {@code firstSighting} records a serial and says whether it was not
     * listed before (as {@link Set#add} does).
     */
    static void parseLines(String[] lines, int from, int firstNumber, List<IndexEntry> entries,
                           Predicate<BigInteger> firstSighting, String source) {
        for (int i = from; i < lines.length; i++) {
            entries.add(parseEntry(lines[i], source, firstNumber + i - from, firstSighting));
        }
    }

    /** Parses line {@code number} of the file, refusing a serial {@code firstSighting} says was listed before. */
    static IndexEntry parseEntry(String line, String source, int number, Predicate<BigInteger> firstSighting) {
        IndexEntry entry = parseLine(line, source, number);
        if (!firstSighting.test(entry.serial())) {
            throw new ParseException(Position.of(source, number), "serial " + entry.serialHex() + " is listed twice");
        }
        return entry;
    }

    static IndexEntry parseLine(String line, String source, int number) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 6) {
            throw new ParseException(Position.of(source, number), "expected 6 tab-separated fields, found " + fields.length, line);
        }
        int column = 1;
        String status = fields[0];
        if (!status.equals("V") && !status.equals("R")) {
            throw new ParseException(new Position(source, number, column), "status must be V or R", status);
        }
        column += status.length() + 1;
        if (!SERIAL.matcher(fields[1]).matches()) {
            throw new ParseException(new Position(source, number, column), "serial must be 1 to 40 upper-case hex digits", fields[1]);
        }
        BigInteger serial = new BigInteger(fields[1], 16);
        column += fields[1].length() + 1;
        Instant notAfter = instant(fields[2], source, number, column);
        column += fields[2].length() + 1;
        Optional<Instant> revokedAt = Optional.empty();
        Optional<RevocationReason> reason = Optional.empty();
        boolean revoked = status.equals("R");
        if (revoked) {
            revokedAt = Optional.of(instant(fields[3], source, number, column));
            column += fields[3].length() + 1;
            try {
                reason = Optional.of(RevocationReason.fromWireName(fields[4]));
            } catch (ValidationException e) {
                throw new ParseException(new Position(source, number, column), "unknown revocation reason", fields[4]);
            }
            column += fields[4].length() + 1;
        } else {
            if (!fields[3].equals("-") || !fields[4].equals("-")) {
                throw new ParseException(new Position(source, number, column),
                        "a valid (V) entry must have '-' for revocation time and reason", line);
            }
            column += 4;
        }
        try {
            return new IndexEntry(serial, notAfter, unescape(fields[5], source, number, column), revokedAt, reason);
        } catch (ValidationException e) {
            throw new ParseException(Position.of(source, number), e.getMessage(), line);
        }
    }

    private static Instant instant(String text, String source, int line, int column) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParseException(new Position(source, line, column), "not an ISO-8601 instant", text);
        }
    }

    /** Renders a whole index. */
    public static String render(List<IndexEntry> entries) {
        StringBuilder out = new StringBuilder(HEADER.length() + 1 + entries.size() * 120);
        out.append(HEADER).append('\n');
        appendLines(entries, out);
        return out.toString();
    }

    /** Renders the lines of these entries alone, each ending in {@code '\n'}: what issuing appends to an index. */
    public static String renderLines(List<IndexEntry> entries) {
        StringBuilder out = new StringBuilder(entries.size() * 120);
        appendLines(entries, out);
        return out.toString();
    }

    private static void appendLines(List<IndexEntry> entries, StringBuilder out) {
        for (IndexEntry e : entries) {
            out.append(e.isRevoked() ? 'R' : 'V').append('\t')
                    .append(Serials.hex(e.serial())).append('\t')
                    .append(e.notAfter()).append('\t')
                    .append(e.revokedAt().map(Instant::toString).orElse("-")).append('\t')
                    .append(e.reason().map(RevocationReason::wireName).orElse("-")).append('\t')
                    .append(escape(e.subject())).append('\n');
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c < 0x20 || c == 0x7f) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text, String source, int line, int column) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 3 > text.length() || !ESCAPE.matcher(text.substring(i, i + 3)).matches()) {
                    throw new ParseException(new Position(source, line, column + i), "malformed %XX escape in subject", text);
                }
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c < 0x20 || c == 0x7f) {
                throw new ParseException(new Position(source, line, column + i), "control character in subject", text);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
