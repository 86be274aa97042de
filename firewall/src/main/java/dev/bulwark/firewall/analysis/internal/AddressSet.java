package dev.bulwark.firewall.analysis.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable set of IPv4 or IPv6 addresses as disjoint, non-adjacent inclusive intervals of
 * unsigned 128-bit numbers, with logarithmic insertion and removal. Not API.
 */
public final class AddressSet {

    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final boolean ipv6;
    private TreeMap<U128, U128> ranges = new TreeMap<>();

    private AddressSet(boolean ipv6) {
        this.ipv6 = ipv6;
    }

    /** The empty set of the family. */
    public static AddressSet empty(boolean ipv6) {
        return new AddressSet(ipv6);
    }

    /** Every address of the family. */
    public static AddressSet all(boolean ipv6) {
        AddressSet s = new AddressSet(ipv6);
        s.ranges.put(U128.ZERO, top(ipv6));
        return s;
    }

    private static U128 top(boolean ipv6) {
        return ipv6 ? U128.V6_MAX : U128.V4_MAX;
    }

    /** The largest address of the family, as a number. */
    public static BigInteger max(boolean ipv6) {
        return ipv6 ? V6_MAX : V4_MAX;
    }

    /** Whether this is a set of IPv6 addresses. */
    public boolean ipv6() {
        return ipv6;
    }

    /** A copy. */
    public AddressSet copy() {
        AddressSet s = new AddressSet(ipv6);
        s.ranges.putAll(ranges);
        return s;
    }

    /** Moves every address into a new set and leaves this one empty. */
    public AddressSet takeAll() {
        AddressSet s = new AddressSet(ipv6);
        s.ranges = ranges;
        ranges = new TreeMap<>();
        return s;
    }

    /** A new set of the addresses of this set that lie in {@code [lo, hi]}. */
    public AddressSet slice(BigInteger lo, BigInteger hi) {
        AddressSet s = new AddressSet(ipv6);
        slice(U128.of(lo), U128.of(hi), s);
        return s;
    }

    private void slice(U128 lo, U128 hi, AddressSet into) {
        slice(lo, hi, into, false);
    }

    /** Copies this set's part in {@code [lo, hi]} into {@code into}: merged with what it holds, or put as is when disjoint. */
    private void slice(U128 lo, U128 hi, AddressSet into, boolean merge) {
        Map.Entry<U128, U128> first = ranges.floorEntry(lo);
        U128 from = first != null && first.getValue().compareTo(lo) >= 0 ? first.getKey() : lo;
        for (Map.Entry<U128, U128> e : ranges.subMap(from, true, hi, true).entrySet()) {
            U128 a = e.getKey().max(lo);
            U128 b = e.getValue().min(hi);
            if (a.compareTo(b) <= 0) {
                if (merge) {
                    into.add(a, b);
                } else {
                    into.ranges.put(a, b);
                }
            }
        }
    }

    /**
     * A new set of the addresses in both this set and {@code other}: the smaller set's intervals
     * are looked up in the larger one, so a narrow condition costs a logarithm, not a scan.
     */
    public AddressSet intersect(AddressSet other) {
        AddressSet small = ranges.size() <= other.ranges.size() ? this : other;
        AddressSet large = small == this ? other : this;
        AddressSet s = new AddressSet(ipv6);
        for (Map.Entry<U128, U128> e : small.ranges.entrySet()) {
            large.slice(e.getKey(), e.getValue(), s);
        }
        return s;
    }

    /** A new set of the addresses of this set that are not in {@code other}. */
    public AddressSet minus(AddressSet other) {
        AddressSet s = copy();
        s.removeAll(other);
        return s;
    }

    /** A new set of the addresses in this set or {@code other}. */
    public AddressSet union(AddressSet other) {
        boolean mine = ranges.size() >= other.ranges.size();
        AddressSet s = mine ? copy() : other.copy();
        s.addAll(mine ? other : this);
        return s;
    }

    /** Whether the two sets hold the same addresses. */
    public boolean sameAs(AddressSet other) {
        return ranges.equals(other.ranges);
    }

    /**
     * Moves the addresses of this set that lie in {@code where} into {@code into} (when not
     * {@code null}) and removes them from this set: one pass over {@code where}'s intervals, without
     * building the intersection first.
     */
    public void moveInto(AddressSet where, AddressSet into) {
        for (Map.Entry<U128, U128> w : where.ranges.entrySet()) {
            if (ranges.isEmpty()) {
                return;
            }
            if (into != null) {
                slice(w.getKey(), w.getValue(), into, true);
            }
            remove(w.getKey(), w.getValue());
        }
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Adds {@code [lo, hi]}. */
    public void add(BigInteger lo, BigInteger hi) {
        add(U128.of(lo), U128.of(hi));
    }

    /** Whether an interval ending at {@code end} touches or overlaps one starting at {@code start}. */
    private boolean touches(U128 end, U128 start) {
        return end.compareTo(start) >= 0 || !end.equals(top(ipv6)) && end.plusOne().equals(start);
    }

    private void add(U128 lo, U128 hi) {
        U128 newLo = lo;
        U128 newHi = hi;
        Map.Entry<U128, U128> before = ranges.floorEntry(lo);
        if (before != null && touches(before.getValue(), lo)) {
            newLo = before.getKey();
            newHi = newHi.max(before.getValue());
            ranges.remove(before.getKey());
        }
        while (true) {
            Map.Entry<U128, U128> next = ranges.ceilingEntry(newLo);
            if (next == null || !touches(newHi, next.getKey())) {
                break;
            }
            newHi = newHi.max(next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(newLo, newHi);
    }

    /** Adds every address of {@code other}. */
    public void addAll(AddressSet other) {
        if (ranges.isEmpty()) {
            ranges.putAll(other.ranges);
            return;
        }
        for (Map.Entry<U128, U128> e : other.ranges.entrySet()) {
            add(e.getKey(), e.getValue());
        }
    }

    /** Removes {@code [lo, hi]}. */
    public void remove(BigInteger lo, BigInteger hi) {
        remove(U128.of(lo), U128.of(hi));
    }

    private void remove(U128 lo, U128 hi) {
        Map.Entry<U128, U128> before = ranges.lowerEntry(lo);
        if (before != null && before.getValue().compareTo(lo) >= 0) {
            ranges.put(before.getKey(), lo.minusOne());
            if (before.getValue().compareTo(hi) > 0) {
                ranges.put(hi.plusOne(), before.getValue());
                return;
            }
        }
        while (true) {
            Map.Entry<U128, U128> next = ranges.ceilingEntry(lo);
            if (next == null || next.getKey().compareTo(hi) > 0) {
                return;
            }
            ranges.remove(next.getKey());
            if (next.getValue().compareTo(hi) > 0) {
                ranges.put(hi.plusOne(), next.getValue());
                return;
            }
        }
    }

    /** Removes every address of {@code other}. */
    public void removeAll(AddressSet other) {
        if (ranges.isEmpty()) {
            return;
        }
        if (other.ranges.size() > 4 * ranges.size() + 16) {
            // keep only what other does not hold, looking up this set's few intervals in the large one
            AddressSet kept = minusLarge(other);
            ranges = kept.ranges;
            return;
        }
        for (Map.Entry<U128, U128> e : other.ranges.entrySet()) {
            remove(e.getKey(), e.getValue());
            if (ranges.isEmpty()) {
                return;
            }
        }
    }

    private AddressSet minusLarge(AddressSet other) {
        AddressSet out = new AddressSet(ipv6);
        for (Map.Entry<U128, U128> e : ranges.entrySet()) {
            AddressSet piece = new AddressSet(ipv6);
            piece.ranges.put(e.getKey(), e.getValue());
            AddressSet cut = new AddressSet(ipv6);
            other.slice(e.getKey(), e.getValue(), cut);
            for (Map.Entry<U128, U128> c : cut.ranges.entrySet()) {
                piece.remove(c.getKey(), c.getValue());
            }
            out.ranges.putAll(piece.ranges);
        }
        return out;
    }

    /** Keeps only the addresses in {@code [lo, hi]}. */
    public void retain(BigInteger lo, BigInteger hi) {
        if (lo.signum() > 0) {
            remove(BigInteger.ZERO, lo.subtract(BigInteger.ONE));
        }
        BigInteger top = max(ipv6);
        if (hi.compareTo(top) < 0) {
            remove(hi.add(BigInteger.ONE), top);
        }
    }

    /** The intervals, lowest first, as {@code [lo, hi]} pairs. */
    public List<BigInteger[]> intervals() {
        List<BigInteger[]> out = new ArrayList<>();
        for (Map.Entry<U128, U128> e : ranges.entrySet()) {
            out.add(new BigInteger[] {e.getKey().toBigInteger(), e.getValue().toBigInteger()});
        }
        return out;
    }

    /** The number of addresses. */
    public BigInteger size() {
        BigInteger n = BigInteger.ZERO;
        for (Map.Entry<U128, U128> e : ranges.entrySet()) {
            n = n.add(e.getValue().toBigInteger().subtract(e.getKey().toBigInteger())).add(BigInteger.ONE);
        }
        return n;
    }

    /** Whether the set holds the single address {@code a}. */
    public boolean contains(BigInteger a) {
        U128 x = U128.of(a);
        Map.Entry<U128, U128> e = ranges.floorEntry(x);
        return e != null && e.getValue().compareTo(x) >= 0;
    }

    /** The smallest list of CIDR blocks covering exactly this set, as {@code [address, prefix]} pairs. */
    public List<BigInteger[]> toBlocks() {
        int bits = ipv6 ? 128 : 32;
        List<BigInteger[]> out = new ArrayList<>();
        for (Map.Entry<U128, U128> e : ranges.entrySet()) {
            BigInteger lo = e.getKey().toBigInteger();
            BigInteger hi = e.getValue().toBigInteger();
            while (lo.compareTo(hi) <= 0) {
                int size = lo.signum() == 0 ? bits : Math.min(bits, lo.getLowestSetBit());
                while (size > 0 && lo.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(hi) > 0) {
                    size--;
                }
                out.add(new BigInteger[] {lo, BigInteger.valueOf(bits - size)});
                lo = lo.add(BigInteger.ONE.shiftLeft(size));
            }
        }
        return out;
    }

    /** The smallest list of CIDR networks covering exactly this set, lowest first. */
    public List<dev.bulwark.core.net.IpNetwork> toNetworks() {
        if (ipv6) {
            List<dev.bulwark.core.net.IpNetwork> out = new ArrayList<>();
            for (BigInteger[] b : toBlocks()) {
                out.add(network(b[0], b[1].intValue()));
            }
            return out;
        }
        List<dev.bulwark.core.net.IpNetwork> out = new ArrayList<>();
        for (Map.Entry<U128, U128> e : ranges.entrySet()) {
            long lo = e.getKey().lo();
            long hi = e.getValue().lo();
            while (lo <= hi) {
                int size = lo == 0 ? 32 : Math.min(32, Long.numberOfTrailingZeros(lo));
                while (size > 0 && lo + (1L << size) - 1 > hi) {
                    size--;
                }
                out.add(network(BigInteger.valueOf(lo), 32 - size));
                lo += 1L << size;
            }
        }
        return out;
    }

    private dev.bulwark.core.net.IpNetwork network(BigInteger address, int prefix) {
        byte[] raw = address.toByteArray();
        byte[] bytes = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            java.net.InetAddress a = ipv6 ? java.net.Inet6Address.getByAddress(null, bytes, null)
                    : java.net.InetAddress.getByAddress(bytes);
            return dev.bulwark.core.net.IpNetwork.of(a, prefix);
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException("address of " + bytes.length + " bytes refused", ex);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(ipv6 ? "v6{" : "v4{");
        for (Map.Entry<U128, U128> e : ranges.entrySet()) {
            b.append(b.length() > 3 ? ", " : "").append(e.getKey().toBigInteger()).append('=').append(e.getValue().toBigInteger());
        }
        return b.append('}').toString();
    }
}
