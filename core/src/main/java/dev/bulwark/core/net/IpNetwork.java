package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR form, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}.
 *
 * <p>The address is the network address: host bits must be zero. {@link #parse(String)} and
 * {@link #of(InetAddress, int)} reject set host bits, naming the network meant
 * ({@code 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?}), while
 * {@link #parseLenient(String)} and {@link #containing(InetAddress, int)} clear them. A bare
 * address parses as a {@code /32} or {@code /128}. An address of one family never belongs to a
 * network of the other (an IPv4-mapped IPv6 address is IPv6).
 *
 * <pre>{@code
 * IpNetwork lan = IpNetwork.parse("192.168.0.0/16");
 * lan.contains(IpAddresses.parse("192.168.1.7"));   // true
 * lan.overlaps(IpNetwork.parse("192.168.1.0/24"));  // true
 * }</pre>
 *
 * @param address      the network address (host bits zero, no IPv6 zone)
 * @param prefixLength the number of leading network bits, 0 to 32 (IPv4) or 128 (IPv6)
 */
public record IpNetwork(InetAddress address, int prefixLength) implements Comparable<IpNetwork> {

    /** {@code 0.0.0.0/0}: every IPv4 address. */
    public static final IpNetwork ANY_IPV4 = parse("0.0.0.0/0");
    /** {@code ::/0}: every IPv6 address. */
    public static final IpNetwork ANY_IPV6 = parse("::/0");
    /** {@code 127.0.0.0/8}: IPv4 loopback. */
    public static final IpNetwork LOOPBACK_IPV4 = parse("127.0.0.0/8");
    /** {@code ::1/128}: IPv6 loopback. */
    public static final IpNetwork LOOPBACK_IPV6 = parse("::1/128");

    private static final Comparator<IpNetwork> ORDER = Comparator
            .comparingInt((IpNetwork n) -> n.bitLength())
            .thenComparing(n -> n.address.getAddress(), Arrays::compareUnsigned)
            .thenComparingInt(IpNetwork::prefixLength);

    /** Validates the components and drops an IPv6 zone. */
    public IpNetwork {
        Objects.requireNonNull(address, "address");
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        if (prefixLength < 0) {
            throw new ValidationException("prefix length " + prefixLength + " is below 0");
        }
        if (prefixLength > bits) {
            throw new ValidationException("prefix length " + prefixLength + " is above " + bits);
        }
        if (!Arrays.equals(bytes, masked(bytes, prefixLength))) {
            throw new ValidationException(hostBitsMessage(address, prefixLength));
        }
        if (address instanceof Inet6Address && ((Inet6Address) address).getScopeId() != 0
                || address instanceof Inet6Address && ((Inet6Address) address).getScopedInterface() != null) {
            address = toAddress(bytes, true);
        }
    }

    /** The network with this address and prefix length; rejects set host bits. */
    public static IpNetwork of(InetAddress address, int prefixLength) {
        return new IpNetwork(address, prefixLength);
    }

    /** The network of {@code prefixLength} bits that contains {@code address} (host bits cleared). */
    public static IpNetwork containing(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        if (prefixLength < 0 || prefixLength > bytes.length * 8) {
            return new IpNetwork(address, prefixLength); // throws the range message
        }
        return new IpNetwork(toAddress(masked(bytes, prefixLength), address instanceof Inet6Address), prefixLength);
    }

    /**
     * Parses {@code address/prefix} or a bare address; host bits must be zero.
     *
     * @throws ParseException naming the problem, e.g. {@code prefix length 33 is above 32}
     */
    public static IpNetwork parse(String text) {
        return parse(text, Syntax.STRING, false);
    }

    /** Like {@link #parse(String)} for text at {@code origin} in some larger text. */
    public static IpNetwork parse(String text, Position origin) {
        return parse(text, origin, false);
    }

    /** Like {@link #parse(String)}, but clears set host bits: {@code 10.0.0.1/8} gives {@code 10.0.0.0/8}. */
    public static IpNetwork parseLenient(String text) {
        return parse(text, Syntax.STRING, true);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<IpNetwork> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The longest IP address text: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}. */
    private static final int MAX_ADDRESS_TEXT = 45;

    private static IpNetwork parse(String text, Position origin, boolean lenient) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        int addressLength = slash < 0 ? text.length() : slash;
        if (addressLength > MAX_ADDRESS_TEXT) {
            // Refused before the address is copied or read: a hostile token costs one scan for '/'.
            throw Syntax.error(origin, 0, "'" + Syntax.printable(text, 0, addressLength) + "' is " + addressLength
                    + " characters, longer than any IP address (at most " + MAX_ADDRESS_TEXT + ")", text);
        }
        String addressText = slash < 0 ? text : text.substring(0, slash);
        if (addressText.indexOf('%') >= 0) {
            throw Syntax.error(origin, addressText.indexOf('%'), "a network has no '%' zone", text);
        }
        InetAddress address;
        try {
            address = IpAddresses.parse(addressText, origin);
        } catch (ParseException e) {
            throw new ParseException(e.position(), e.reason(), text);
        }
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefix(text.substring(slash + 1), bits, Syntax.shift(origin, slash + 1), text);
        if (lenient) {
            return containing(address, prefix);
        }
        if (!Arrays.equals(address.getAddress(), masked(address.getAddress(), prefix))) {
            throw Syntax.error(origin, 0, hostBitsMessage(address, prefix), text);
        }
        return new IpNetwork(address, prefix);
    }

    private static int prefix(String digits, int bits, Position at, String text) {
        if (digits.isEmpty()) {
            throw Syntax.error(at, 0, "missing prefix length after '/'", text);
        }
        if (!Syntax.isDigits(digits, 3)) {
            throw Syntax.error(at, 0, "prefix length '" + Syntax.printable(digits) + "' is not a number from 0 to " + bits, text);
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw Syntax.error(at, 0, "prefix length '" + digits + "' has a leading zero", text);
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > bits) {
            throw Syntax.error(at, 0, "prefix length " + prefix + " is above " + bits, text);
        }
        return prefix;
    }

    /** Whether this is an IPv4 network. */
    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** 32 for IPv4, 128 for IPv6. */
    public int bitLength() {
        return isIpv4() ? 32 : 128;
    }

    /** Whether {@code other} is in this network; never for an address of the other family. */
    public boolean contains(InetAddress other) {
        byte[] bytes = other.getAddress();
        return (other instanceof Inet4Address) == isIpv4()
                && Arrays.equals(address.getAddress(), masked(bytes, prefixLength));
    }

    /** Whether every address of {@code other} is in this network. */
    public boolean contains(IpNetwork other) {
        return other.prefixLength >= prefixLength && contains(other.address);
    }

    /** Whether the two networks share at least one address (one then contains the other). */
    public boolean overlaps(IpNetwork other) {
        return contains(other) || other.contains(this);
    }

    /** The number of addresses in this network, network and broadcast addresses included. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bitLength() - prefixLength);
    }

    /** The first address, which is {@link #address()}. */
    public InetAddress firstAddress() {
        return address;
    }

    /** The last address (for IPv4 networks shorter than /31 the broadcast address). */
    public InetAddress lastAddress() {
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return toAddress(bytes, !isIpv4());
    }

    /** Orders IPv4 before IPv6, then by address, then by prefix length. */
    @Override
    public int compareTo(IpNetwork other) {
        return ORDER.compare(this, other);
    }

    /** The canonical CIDR text, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + prefixLength;
    }

    private static String hostBitsMessage(InetAddress address, int prefix) {
        return IpAddresses.format(address) + "/" + prefix + " has host bits set; did you mean "
                + containing(address, prefix) + "?";
    }

    static byte[] masked(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] &= (byte) (0xff00 >>> keep);
        }
        return out;
    }

    private static InetAddress toAddress(byte[] bytes, boolean v6) {
        try {
            return v6 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address", e);
        }
    }
}
