package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals to and from {@link InetAddress}, without ever asking DNS.
 *
 * <p>IPv4 is four dotted decimal parts, each 0 to 255. A part with a leading zero ({@code 010}) is
 * rejected: {@code inet_aton(3)} reads it as octal (8) while others read it as decimal (10), so it
 * is ambiguous. The short forms {@code inet_aton} accepts ({@code 127.1}, {@code 0x7f.1}) are
 * rejected too. IPv6 follows RFC 4291 section 2.2: up to eight hex groups, one {@code ::}, an
 * optional dotted IPv4 tail ({@code ::ffff:192.0.2.1}) and an optional zone after {@code %}: a
 * number, or the name of a network interface of this machine. An IPv6 literal stays an
 * {@link Inet6Address} even when it is IPv4-mapped.
 *
 * <pre>{@code
 * InetAddress a = IpAddresses.parse("2001:DB8:0:0::1");
 * IpAddresses.format(a);                        // "2001:db8::1"
 * IpAddresses.tryParse("example.org");          // Optional.empty(), no DNS query
 * }</pre>
 */
public final class IpAddresses {

    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 address literal.
     *
     * @throws ParseException when {@code text} is not an address literal
     */
    public static InetAddress parse(String text) {
        return parse(text, Syntax.STRING);
    }

    /**
     * Parses an address literal that starts at {@code origin} in some larger text; errors point
     * into that text.
     *
     * @throws ParseException when {@code text} is not an address literal
     */
    public static InetAddress parse(String text, Position origin) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        if (text.isEmpty()) {
            throw Syntax.error(origin, 0, "empty IP address", text);
        }
        if (text.indexOf(':') < 0) {
            return toAddress(parseIpv4(text, origin, text));
        }
        int percent = text.indexOf('%');
        String literal = percent < 0 ? text : text.substring(0, percent);
        byte[] bytes = Ipv6Text.parse(literal, origin, text);
        if (percent < 0) {
            return toAddress(bytes, -1);
        }
        return scoped(bytes, text.substring(percent + 1), Syntax.shift(origin, percent + 1), text);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<InetAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The canonical text of an address: dotted decimal for IPv4, RFC 5952 for IPv6 (lower case,
     * the longest run of zero groups as {@code ::}, IPv4-mapped as {@code ::ffff:192.0.2.1}), with
     * its zone after {@code %} if it has one. Unlike {@link InetAddress#toString()} it never
     * includes a host name.
     */
    public static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        String text = Ipv6Text.format(bytes);
        Inet6Address v6 = (Inet6Address) address;
        if (v6.getScopedInterface() != null) {
            return text + "%" + v6.getScopedInterface().getName();
        }
        return v6.getScopeId() != 0 ? text + "%" + v6.getScopeId() : text;
    }

    /**
     * The IPv4 address embedded in an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}); the
     * address itself when it is IPv4; empty otherwise.
     */
    public static Optional<Inet4Address> ipv4Of(InetAddress address) {
        if (address instanceof Inet4Address) {
            return Optional.of((Inet4Address) address);
        }
        byte[] bytes = address.getAddress();
        if (!Ipv6Text.isIpv4Mapped(bytes)) {
            return Optional.empty();
        }
        byte[] v4 = new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
        return Optional.of((Inet4Address) toAddress(v4));
    }

    /**
     * Parses a dotted-quad IPv4 address into 4 bytes; {@code whole} is quoted in errors. Each part
     * is read where it stands, never copied, and an error quotes at most a bounded excerpt of it,
     * so that a hostile token of any length costs one scan.
     */
    static byte[] parseIpv4(String text, Position origin, String whole) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw Syntax.error(origin, i, "'" + Syntax.printable(c) + "' is not allowed in an IPv4 address", whole);
                }
                continue;
            }
            if (part == 4) {
                throw Syntax.error(origin, start - 1, "IPv4 address has more than 4 parts", whole);
            }
            bytes[part++] = (byte) ipv4Part(text, start, i, Syntax.shift(origin, start), whole);
            start = i + 1;
        }
        if (part != 4) {
            throw Syntax.error(origin, 0, "IPv4 address has " + part + " parts, not 4", whole);
        }
        return bytes;
    }

    /** The value of the decimal part {@code text[start, end)}, checked to be 0 to 255 without a leading zero. */
    private static int ipv4Part(String text, int start, int end, Position at, String whole) {
        int length = end - start;
        if (length == 0) {
            throw Syntax.error(at, 0, "empty part in IPv4 address", whole);
        }
        if (length > 3) {
            throw Syntax.error(at, 0, "IPv4 address part " + Syntax.printable(text, start, end) + " is above 255", whole);
        }
        if (length > 1 && text.charAt(start) == '0') {
            throw Syntax.error(at, 0, "IPv4 address part " + text.substring(start, end)
                    + " has a leading zero (some tools read it as octal); write it without", whole);
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        if (value > 255) {
            throw Syntax.error(at, 0, "IPv4 address part " + value + " is above 255", whole);
        }
        return value;
    }

    private static InetAddress scoped(byte[] bytes, String zone, Position at, String whole) {
        if (Syntax.isDigits(zone, 9)) {
            return toAddress(bytes, Integer.parseInt(zone));
        }
        if (!ZONE_NAME.matcher(zone).matches()) {
            throw Syntax.error(at, 0, "zone after '%' must be a number or an interface name", whole);
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(zone);
            if (nif == null) {
                throw Syntax.error(at, 0, "no network interface named '" + zone
                        + "' on this machine (a numeric zone works anywhere)", whole);
            }
            try {
                return Inet6Address.getByAddress(null, bytes, nif);
            } catch (UnknownHostException noZoneOfThisType) {
                // The interface has no address of this type (say, link-local): zone by its index instead.
                return toAddress(bytes, nif.getIndex());
            }
        } catch (SocketException e) {
            throw new ParseException(Syntax.shift(at, 0), "interface '" + zone
                    + "' has no zone for this address", whole, e);
        }
    }

    private static InetAddress toAddress(byte[] v4) {
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are an IPv4 address", e);
        }
    }

    private static InetAddress toAddress(byte[] v6, int scopeId) {
        try {
            return Inet6Address.getByAddress(null, v6, scopeId);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }
}
