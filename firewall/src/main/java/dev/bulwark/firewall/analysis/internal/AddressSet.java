package dev.bulwark.firewall.analysis.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable set of IPv4 or IPv6 addresses as disjoint, non-adjacent inclusive intervals, with
 * logarithmic insertion and removal. Not API.
 */
public final class AddressSet {

    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final boolean ipv6;
    private TreeMap<BigInteger, BigInteger> ranges = new TreeMap<>();

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
        s.ranges.put(BigInteger.ZERO, max(ipv6));
        return s;
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
        Map.Entry<BigInteger, BigInteger> first = ranges.floorEntry(lo);
        BigInteger from = first != null && first.getValue().compareTo(lo) >= 0 ? first.getKey() : lo;
        for (Map.Entry<BigInteger, BigInteger> e : ranges.subMap(from, true, hi, true).entrySet()) {
            BigInteger a = e.getKey().max(lo);
            BigInteger b = e.getValue().min(hi);
            if (a.compareTo(b) <= 0) {
                s.ranges.put(a, b);
            }
        }
        return s;
    }

    /** A new set of the addresses in both this set and {@code other}, by one merge of the two interval lists. */
    public AddressSet intersect(AddressSet other) {
        AddressSet s = new AddressSet(ipv6);
        if (ranges.isEmpty() || other.ranges.isEmpty()) {
            return s;
        }
        java.util.Iterator<Map.Entry<BigInteger, BigInteger>> a = ranges.entrySet().iterator();
        java.util.Iterator<Map.Entry<BigInteger, BigInteger>> b = other.ranges.entrySet().iterator();
        Map.Entry<BigInteger, BigInteger> x = a.next();
        Map.Entry<BigInteger, BigInteger> y = b.next();
        while (x != null && y != null) {
            BigInteger lo = x.getKey().max(y.getKey());
            BigInteger hi = x.getValue().min(y.getValue());
            if (lo.compareTo(hi) <= 0) {
                s.ranges.put(lo, hi);
            }
            if (x.getValue().compareTo(y.getValue()) < 0) {
                x = a.hasNext() ? a.next() : null;
            } else {
                y = b.hasNext() ? b.next() : null;
            }
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
        AddressSet s = ranges.size() >= other.ranges.size() ? copy() : other.copy();
        s.addAll(ranges.size() >= other.ranges.size() ? other : this);
        return s;
    }

    /** Whether the two sets hold the same addresses. */
    public boolean sameAs(AddressSet other) {
        return ranges.equals(other.ranges);
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Adds {@code [lo, hi]}. */
    public void add(BigInteger lo, BigInteger hi) {
        BigInteger newLo = lo;
        BigInteger newHi = hi;
        Map.Entry<BigInteger, BigInteger> before = ranges.floorEntry(lo);
        if (before != null && before.getValue().add(BigInteger.ONE).compareTo(lo) >= 0) {
            newLo = before.getKey();
            newHi = newHi.max(before.getValue());
            ranges.remove(before.getKey());
        }
        BigInteger reach = newHi.add(BigInteger.ONE);
        while (true) {
            Map.Entry<BigInteger, BigInteger> next = ranges.ceilingEntry(newLo);
            if (next == null || next.getKey().compareTo(reach) > 0) {
                break;
            }
            newHi = newHi.max(next.getValue());
            reach = newHi.add(BigInteger.ONE);
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
        for (Map.Entry<BigInteger, BigInteger> e : other.ranges.entrySet()) {
            add(e.getKey(), e.getValue());
        }
    }

    /** Removes {@code [lo, hi]}. */
    public void remove(BigInteger lo, BigInteger hi) {
        Map.Entry<BigInteger, BigInteger> before = ranges.lowerEntry(lo);
        if (before != null && before.getValue().compareTo(lo) >= 0) {
            ranges.put(before.getKey(), lo.subtract(BigInteger.ONE));
            if (before.getValue().compareTo(hi) > 0) {
                ranges.put(hi.add(BigInteger.ONE), before.getValue());
                return;
            }
        }
        while (true) {
            Map.Entry<BigInteger, BigInteger> next = ranges.ceilingEntry(lo);
            if (next == null || next.getKey().compareTo(hi) > 0) {
                return;
            }
            ranges.remove(next.getKey());
            if (next.getValue().compareTo(hi) > 0) {
                ranges.put(hi.add(BigInteger.ONE), next.getValue());
                return;
            }
        }
    }

    /** Removes every address of {@code other}. */
    public void removeAll(AddressSet other) {
        for (Map.Entry<BigInteger, BigInteger> e : other.ranges.entrySet()) {
            remove(e.getKey(), e.getValue());
            if (ranges.isEmpty()) {
                return;
            }
        }
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
        for (Map.Entry<BigInteger, BigInteger> e : ranges.entrySet()) {
            out.add(new BigInteger[] {e.getKey(), e.getValue()});
        }
        return out;
    }

    /** The number of addresses. */
    public BigInteger size() {
        BigInteger n = BigInteger.ZERO;
        for (Map.Entry<BigInteger, BigInteger> e : ranges.entrySet()) {
            n = n.add(e.getValue().subtract(e.getKey())).add(BigInteger.ONE);
        }
        return n;
    }

    /** Whether the set holds the single address {@code a}. */
    public boolean contains(BigInteger a) {
        Map.Entry<BigInteger, BigInteger> e = ranges.floorEntry(a);
        return e != null && e.getValue().compareTo(a) >= 0;
    }

    /** The smallest list of CIDR blocks covering exactly this set, as {@code [address, prefix]} pairs. */
    public List<BigInteger[]> toBlocks() {
        int bits = ipv6 ? 128 : 32;
        List<BigInteger[]> out = new ArrayList<>();
        for (Map.Entry<BigInteger, BigInteger> e : ranges.entrySet()) {
            BigInteger lo = e.getKey();
            BigInteger hi = e.getValue();
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

    @Override
    public String toString() {
        return (ipv6 ? "v6" : "v4") + ranges;
    }
}
