package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.parse.Match;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of {@code -s}/{@code -d} as iptables prints it: {@code a.b.c.d/len}, a bare address,
 * or an address with a dotted (IPv4) or colon (IPv6) mask, which iptables prints for masks that are
 * not contiguous ({@code 10.0.12.0/255.0.255.0}). A contiguous mask is the prefix length it spells.
 * A non-contiguous mask has no CIDR: it is lowered to the exact list of networks it denotes when
 * that list has at most {@value #MAX_NETWORKS} entries, and kept verbatim as a {@link Match.Other}
 * (not understood, so undecidable to the analysis) otherwise. Not API.
 */
final class IptablesAddresses {

    /** The most networks a non-contiguous mask is lowered to. */
    static final int MAX_NETWORKS = 4096;

    private IptablesAddresses() {
    }

    /**
     * The match for {@code text}; throws {@link IllegalArgumentException} with the reason (without
     * a position) when the text is not an address iptables prints.
     *
     * @param written the option as written ({@code ! -s 10.0.12.0/255.0.255.0}), for a verbatim match
     */
    static Match parse(Match.Side side, boolean negated, String text, String written) {
        IpNetwork fast = ipv4Cidr(text, 0, text.length());
        if (fast != null) {
            return new Match.Addr(side, negated, fast);
        }
        int slash = text.indexOf('/');
        String mask = slash < 0 ? "" : text.substring(slash + 1);
        if (slash < 0 || mask.indexOf('.') < 0 && mask.indexOf(':') < 0) {
            return new Match.Addr(side, negated, network(text));
        }
        InetAddress address = address(text.substring(0, slash), text);
        InetAddress maskAddress = address(mask, text);
        byte[] a = address.getAddress();
        byte[] m = maskAddress.getAddress();
        if (a.length != m.length) {
            throw new IllegalArgumentException("mask '" + mask + "' is not of the address's family");
        }
        BigInteger bits = new BigInteger(1, m);
        int width = a.length * 8;
        int ones = bits.bitCount();
        int last = bits.signum() == 0 ? 0 : width - bits.getLowestSetBit(); // the prefix covering every mask bit
        if (ones == last) {
            return new Match.Addr(side, negated, network(text.substring(0, slash) + "/" + ones));
        }
        BigInteger value = new BigInteger(1, a);
        if (!value.andNot(bits).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException(text + " has bits set outside the mask; did you mean "
                    + IpAddresses.format(toAddress(bytes(value.and(bits), a.length))) + "/" + mask + "?");
        }
        int holes = last - ones;
        if (holes > 12 || 1 << holes > MAX_NETWORKS) {
            return new Match.Other("address", written);
        }
        int[] free = new int[holes]; // the holes' bit numbers, counted from the most significant bit
        int h = 0;
        for (int bit = 0; bit < last; bit++) {
            if ((m[bit >> 3] & 0x80 >>> (bit & 7)) == 0) {
                free[h++] = bit;
            }
        }
        List<IpNetwork> networks = new ArrayList<>(1 << holes);
        for (int i = 0; i < 1 << holes; i++) {
            byte[] b = a.clone();
            for (int k = 0; k < holes; k++) {
                if ((i >> (holes - 1 - k) & 1) != 0) {
                    b[free[k] >> 3] |= (byte) (0x80 >>> (free[k] & 7));
                }
            }
            networks.add(IpNetwork.of(toAddress(b), last));
        }
        return new Match.Addr(side, negated, networks);
    }

    /**
     * {@code t[from, to)} when it is {@code a.b.c.d} or {@code a.b.c.d/len} in canonical form (what
     * iptables prints for a CIDR), read without cutting it out; null to take {@link #parse}.
     */
    static IpNetwork ipv4Cidr(String t, int from, int to) {
        int n = to;
        int value = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 3 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                v = v * 10 + t.charAt(i) - '0';
                i++;
            }
            if (i == start || v > 255 || i - start > 1 && t.charAt(start) == '0') {
                return null;
            }
            value = value << 8 | v;
            if (part < 3) {
                if (i >= n || t.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        int prefix = 32;
        if (i < n) {
            if (t.charAt(i) != '/' || n - i < 2 || n - i > 3 || n - i == 3 && t.charAt(i + 1) == '0') {
                return null;
            }
            prefix = 0;
            for (int j = i + 1; j < n; j++) {
                char c = t.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + c - '0';
            }
            if (prefix > 32 || prefix < 32 && (value & (-1 >>> prefix)) != 0) {
                return null;
            }
        }
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return IpNetwork.of(toAddress(b), prefix);
    }

    private static IpNetwork network(String text) {
        try {
            return IpNetwork.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    private static InetAddress address(String part, String whole) {
        try {
            return IpAddresses.parse(part);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    private static byte[] bytes(BigInteger n, int length) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static InetAddress toAddress(byte[] b) {
        try {
            return b.length == 4 ? InetAddress.getByAddress(b) : java.net.Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are an address", e);
        }
    }
}
