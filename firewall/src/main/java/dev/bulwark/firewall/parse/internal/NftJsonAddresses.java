package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** Addresses, prefixes and address ranges of nft set elements. Not API. */
final class NftJsonAddresses {

    private NftJsonAddresses() {
    }

    /** An address of the given family. */
    static InetAddress address(Object v, boolean ipv6) {
        String text = NftJsonValues.string(v, "an address");
        InetAddress a = IpAddresses.tryParse(text).filter(x -> x.getAddress().length == (ipv6 ? 16 : 4))
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an " + (ipv6 ? "IPv6" : "IPv4") + " address"));
        return a;
    }

    /** Whether {@code text} is an address literal that can serve as a mask ({@code 255.0.255.0}). */
    static boolean maskable(String text) {
        return text.length() <= 45 && IpAddresses.tryParse(text).isPresent();
    }

    /** Whether the element is an address range ({@code {"range": [a, b]}}). */
    static boolean isRange(Object v) {
        return NftJsonValues.kind(v).equals("range");
    }

    /** The ends of a range element. */
    static InetAddress[] range(Object v, boolean ipv6) {
        List<?> r = NftJsonValues.list(NftJsonValues.body(v), "a range");
        if (r.size() != 2) {
            throw new IllegalArgumentException("a range has two ends");
        }
        InetAddress a = address(r.get(0), ipv6);
        InetAddress b = address(r.get(1), ipv6);
        if (number(a).compareTo(number(b)) > 0) {
            throw new IllegalArgumentException("range " + IpAddresses.format(a) + "-" + IpAddresses.format(b) + " ends before it starts");
        }
        return new InetAddress[] {a, b};
    }

    /** The networks an address, prefix or range element covers, added to {@code out}. */
    static void networks(Object v, boolean ipv6, List<IpNetwork> out) {
        if (v instanceof String) {
            InetAddress a = address(v, ipv6);
            out.add(IpNetwork.of(a, ipv6 ? 128 : 32));
        } else if (NftJsonValues.kind(v).equals("prefix")) {
            Map<String, Object> p = NftJsonValues.map(NftJsonValues.body(v), "a prefix");
            InetAddress a = address(p.get("addr"), ipv6);
            out.add(IpNetwork.containing(a, NftJsonValues.integer(p.get("len"), "prefix length", 0, ipv6 ? 128 : 32)));
        } else if (isRange(v)) {
            InetAddress[] r = range(v, ipv6);
            cidrs(number(r[0]), number(r[1]), ipv6, out);
        } else {
            throw new IllegalArgumentException("not an address, prefix or range: " + JsonWriter.write(v));
        }
    }

    /** The fewest networks that cover exactly {@code first..last}: at most two per bit. */
    private static void cidrs(BigInteger first, BigInteger last, boolean ipv6, List<IpNetwork> out) {
        int bits = ipv6 ? 128 : 32;
        BigInteger start = first;
        while (start.compareTo(last) <= 0) {
            int size = start.signum() == 0 ? bits : start.getLowestSetBit();
            while (size > 0 && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(last) > 0) {
                size--;
            }
            out.add(IpNetwork.of(toAddress(start, ipv6), bits - size));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
    }

    private static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress toAddress(BigInteger n, boolean ipv6) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + out.length + " bytes", e);
        }
    }
}
