package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A range of TCP or UDP ports, {@code first} to {@code last} inclusive, within 1 to 65535. A single
 * port is a range of one.
 *
 * <pre>{@code
 * PortRange.parse("8000-9000").contains(8080);  // true
 * PortRange.parse("8000:9000").render(':');     // "8000:9000" (iptables, ufw)
 * PortRange.of(22).toString();                  // "22"
 * }</pre>
 *
 * @param first the lowest port
 * @param last  the highest port
 */
public record PortRange(int first, int last) implements Comparable<PortRange> {

    /** The lowest port, 1. */
    public static final int MIN_PORT = 1;
    /** The highest port, 65535. */
    public static final int MAX_PORT = 65535;
    /** Every port, {@code 1-65535}. */
    public static final PortRange ALL = new PortRange(MIN_PORT, MAX_PORT);

    /** Validates the ports. */
    public PortRange {
        checkPort(first);
        checkPort(last);
        if (first > last) {
            throw new ValidationException("first port " + first + " is above last port " + last);
        }
    }

    private static void checkPort(int port) {
        if (port < MIN_PORT) {
            throw new ValidationException("port " + port + " is below " + MIN_PORT);
        }
        if (port > MAX_PORT) {
            throw new ValidationException("port " + port + " is above " + MAX_PORT);
        }
    }

    /** The range of the single port {@code port}. */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /** The range {@code first} to {@code last}, inclusive. */
    public static PortRange of(int first, int last) {
        return new PortRange(first, last);
    }

    /**
     * Parses {@code 80}, {@code 8000-9000} or {@code 8000:9000}.
     *
     * @throws ParseException naming the problem, e.g. {@code first port 9000 is above last port 80}
     */
    public static PortRange parse(String text) {
        return parse(text, Syntax.STRING);
    }

    /** Like {@link #parse(String)} for text at {@code origin} in some larger text. */
    public static PortRange parse(String text, Position origin) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        int separator = -1;
        for (int i = 0; i < text.length() && separator < 0; i++) {
            if (text.charAt(i) == '-' || text.charAt(i) == ':') {
                separator = i;
            }
        }
        if (separator < 0) {
            return of(port(text, 0, text.length(), origin, text));
        }
        int first = port(text, 0, separator, origin, text);
        int last = port(text, separator + 1, text.length(), origin, text);
        if (first > last) {
            throw Syntax.error(origin, 0, "first port " + first + " is above last port " + last, text);
        }
        return new PortRange(first, last);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<PortRange> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static int port(String text, int from, int to, Position origin, String whole) {
        if (from == to) {
            throw Syntax.error(origin, from, "missing port number", whole);
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw Syntax.error(origin, i, "'" + Syntax.printable(c) + "' is not allowed in a port number", whole);
            }
        }
        String digits = text.substring(from, to);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw Syntax.error(origin, from, "port " + digits + " has a leading zero", whole);
        }
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_PORT) {
            throw Syntax.error(origin, from, "port " + digits + " is above " + MAX_PORT, whole);
        }
        int port = Integer.parseInt(digits);
        if (port < MIN_PORT) {
            throw Syntax.error(origin, from, "port 0 is below " + MIN_PORT, whole);
        }
        return port;
    }

    /** Whether this range is one port. */
    public boolean isSinglePort() {
        return first == last;
    }

    /** The number of ports in the range. */
    public int size() {
        return last - first + 1;
    }

    /** Whether {@code port} is in the range. */
    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** Whether every port of {@code other} is in this range. */
    public boolean contains(PortRange other) {
        return other.first >= first && other.last <= last;
    }

    /** Whether the two ranges share a port. */
    public boolean overlaps(PortRange other) {
        return other.first <= last && first <= other.last;
    }

    /** The text with the given separator: {@code 80}, or {@code 8000:9000} for {@code ':'}. */
    public String render(char separator) {
        return isSinglePort() ? Integer.toString(first) : first + String.valueOf(separator) + last;
    }

    /** Orders by first port, then last port. */
    @Override
    public int compareTo(PortRange other) {
        return first != other.first ? Integer.compare(first, other.first) : Integer.compare(last, other.last);
    }

    /** {@code 80} or {@code 8000-9000}. */
    @Override
    public String toString() {
        return render('-');
    }
}
