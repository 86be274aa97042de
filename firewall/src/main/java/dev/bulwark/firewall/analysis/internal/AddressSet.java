package dev.bulwark.firewall.analysis.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutable set of IPv4 or IPv6 addresses as disjoint, non-adjacent inclusive intervals of
 * unsigned 128-bit numbers ({@link Intervals}), with logarithmic lookup, insertion and removal.
 * Not API.
 */
public final class AddressSet {

    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final boolean ipv6;
    private Intervals ranges = new Intervals();
    private Intervals.Visitor adder;

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
        U128 top = top(ipv6);
        s.ranges.add(0, 0, top.hi(), top.lo());
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
        s.ranges = ranges.copy();
        return s;
    }

    /** Moves every address into a new set and leaves this one empty. */
    public AddressSet takeAll() {
        AddressSet s = new AddressSet(ipv6);
        s.ranges = ranges;
        ranges = new Intervals();
        return s;
    }

    /** A new set of the addresses of this set that lie in {@code [lo, hi]}. */
    public AddressSet slice(BigInteger lo, BigInteger hi) {
        U128 a = U128.of(lo);
        U128 b = U128.of(hi);
        AddressSet s = new AddressSet(ipv6);
        ranges.forEachWithin(a.hi(), a.lo(), b.hi(), b.lo(), s.ranges::add);
        return s;
    }

    /**
     * A new set of the addresses in both this set and {@code other}: the smaller set's intervals
     * are looked up in the larger one, so a narrow condition costs a logarithm, not a scan.
     */
    public AddressSet intersect(AddressSet other) {
        AddressSet small = ranges.size() <= other.ranges.size() ? this : other;
        Intervals large = small == this ? other.ranges : ranges;
        AddressSet s = new AddressSet(ipv6);
        small.ranges.forEach((lh, ll, hh, hl) -> large.forEachWithin(lh, ll, hh, hl, s.ranges::add));
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
        return ranges.sameAs(other.ranges);
    }

    /**
     * Moves the addresses of this set that lie in {@code where} into {@code into} (when not
     * {@code null}) and removes them from this set: one pass over {@code where}'s intervals, without
     * building the intersection first.
     */
    public void moveInto(AddressSet where, AddressSet into) {
        where.ranges.forEach((lh, ll, hh, hl) -> {
            if (!ranges.isEmpty()) {
                if (into != null) {
                    ranges.forEachWithin(lh, ll, hh, hl, into.ranges::add);
                }
                ranges.remove(lh, ll, hh, hl);
            }
        });
    }

    /**
     * {@link #moveInto(AddressSet, AddressSet)} for {@code where} the one interval
     * {@code [(lh, ll), (hh, hl)]} (high and low 64 bits of its first and last address).
     */
    public void moveInto(long lh, long ll, long hh, long hl, AddressSet into) {
        if (ranges.isEmpty()) {
            return;
        }
        if (into != null) {
            ranges.forEachWithin(lh, ll, hh, hl, into.adder());
        }
        ranges.remove(lh, ll, hh, hl);
    }

    /** Adds an interval to this set, whichever {@link Intervals} it holds at the time; made once. */
    private Intervals.Visitor adder() {
        if (adder == null) {
            adder = (lh, ll, hh, hl) -> ranges.add(lh, ll, hh, hl);
        }
        return adder;
    }

    /** The set's bounds as {@code {first high, first low, last high, last low}} when it is one interval, else {@code null}. */
    long[] oneInterval() {
        long[][] out = {null};
        if (ranges.size() == 1) {
            ranges.forEach((lh, ll, hh, hl) -> out[0] = new long[] {lh, ll, hh, hl});
        }
        return out[0];
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Adds {@code [lo, hi]}. */
    public void add(BigInteger lo, BigInteger hi) {
        U128 a = U128.of(lo);
        U128 b = U128.of(hi);
        ranges.add(a.hi(), a.lo(), b.hi(), b.lo());
    }

    /**
     * Adds every address of {@code other}, which the caller gives up: it is left empty. Into an
     * empty set its intervals move without a copy (a walk hands its sources on this way).
     */
    public void take(AddressSet other) {
        if (ranges.isEmpty() && other != this) {
            ranges = other.ranges;
            other.ranges = new Intervals();
            return;
        }
        addAll(other);
        if (other != this) {
            other.ranges = new Intervals();
        }
    }

    /** Adds every address of {@code other}. */
    public void addAll(AddressSet other) {
        if (ranges.isEmpty()) {
            ranges = other.ranges.copy();
            return;
        }
        if (mergeCheaper(other.ranges.size(), ranges.size())) {
            ranges = Intervals.union(ranges, other.ranges);
            return;
        }
        other.ranges.forEach(ranges::add);
    }

    /**
     * Whether one pass over both sets beats {@code changes} logarithmic changes to a set of
     * {@code size} intervals (each of which moves up to a chunk).
     */
    private static boolean mergeCheaper(int changes, int size) {
        return changes >= 64 && (long) changes * 16 >= size;
    }

    /** Adds the addresses of {@code network} (of this set's family). */
    public void add(dev.bulwark.core.net.IpNetwork network) {
        byte[] b = network.firstAddress().getAddress();
        int bits = b.length * 8;
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < b.length; i++) {
            if (b.length == 16 && i < 8) {
                hi = hi << 8 | (b[i] & 0xff);
            } else {
                lo = lo << 8 | (b[i] & 0xff);
            }
        }
        int host = bits - network.prefixLength();
        long hostHi = host > 64 ? (host >= 128 ? -1L : (1L << (host - 64)) - 1) : 0;
        long hostLo = host >= 64 ? -1L : (1L << host) - 1;
        ranges.add(hi & ~hostHi, lo & ~hostLo, hi | hostHi, lo | hostLo);
    }

    /** Removes {@code [lo, hi]}. */
    public void remove(BigInteger lo, BigInteger hi) {
        U128 a = U128.of(lo);
        U128 b = U128.of(hi);
        ranges.remove(a.hi(), a.lo(), b.hi(), b.lo());
    }

    /** Removes every address of {@code other}. */
    public void removeAll(AddressSet other) {
        if (other == this) {
            ranges = new Intervals();
            return;
        }
        if (ranges.isEmpty()) {
            return;
        }
        if (other.ranges.size() > 4 * ranges.size() + 16) {
            // keep only what other does not hold, looking up this set's few intervals in the large one
            Intervals kept = new Intervals();
            ranges.forEach((lh, ll, hh, hl) -> {
                Intervals piece = new Intervals();
                piece.add(lh, ll, hh, hl);
                other.ranges.forEachWithin(lh, ll, hh, hl, piece::remove);
                piece.forEach(kept::add);
            });
            ranges = kept;
            return;
        }
        if (mergeCheaper(other.ranges.size(), ranges.size())) {
            ranges = Intervals.minus(ranges, other.ranges);
            return;
        }
        other.ranges.forEach((lh, ll, hh, hl) -> {
            if (!ranges.isEmpty()) {
                ranges.remove(lh, ll, hh, hl);
            }
        });
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
        ranges.forEach((lh, ll, hh, hl) -> out.add(new BigInteger[] {new U128(lh, ll).toBigInteger(),
                new U128(hh, hl).toBigInteger()}));
        return out;
    }

    /** The number of addresses. */
    public BigInteger size() {
        BigInteger[] n = {BigInteger.ZERO};
        ranges.forEach((lh, ll, hh, hl) -> n[0] = n[0].add(new U128(hh, hl).toBigInteger()
                .subtract(new U128(lh, ll).toBigInteger())).add(BigInteger.ONE));
        return n[0];
    }

    /**
     * Whether the set holds at least half of its family's addresses. For IPv4 the count is summed in
     * a {@code long} (at most 2<sup>32</sup>), without a {@link BigInteger} per interval.
     */
    public boolean atLeastHalf() {
        if (ipv6) {
            return size().shiftLeft(1).compareTo(V6_MAX.add(BigInteger.ONE)) >= 0;
        }
        long[] n = {0};
        ranges.forEach((lh, first, hh, last) -> n[0] += last - first + 1);
        return n[0] >= 1L << 31;
    }

    /** Whether the set holds the single address {@code a}. */
    public boolean contains(BigInteger a) {
        U128 x = U128.of(a);
        return ranges.contains(x.hi(), x.lo());
    }

    /** The smallest list of CIDR blocks covering exactly this set, as {@code [address, prefix]} pairs. */
    public List<BigInteger[]> toBlocks() {
        int bits = ipv6 ? 128 : 32;
        List<BigInteger[]> out = new ArrayList<>();
        for (BigInteger[] range : intervals()) {
            BigInteger lo = range[0];
            BigInteger hi = range[1];
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
        return toNetworks(new V4Networks());
    }

    /**
     * {@link #toNetworks()}, taking IPv4 networks already made from {@code made} and adding the new
     * ones to it: the lists of one result (per interface, and their union) then share their equal
     * networks rather than each building its own.
     */
    List<dev.bulwark.core.net.IpNetwork> toNetworks(V4Networks made) {
        if (ipv6) {
            List<dev.bulwark.core.net.IpNetwork> out = new ArrayList<>();
            for (BigInteger[] b : toBlocks()) {
                out.add(network(b[0], b[1].intValue()));
            }
            return out;
        }
        List<dev.bulwark.core.net.IpNetwork> out = new ArrayList<>();
        ranges.forEach((lh, first, hh, last) -> {
            long lo = first;
            while (lo <= last) {
                int size = lo == 0 ? 32 : Math.min(32, Long.numberOfTrailingZeros(lo));
                while (size > 0 && lo + (1L << size) - 1 > last) {
                    size--;
                }
                out.add(made.of(lo, 32 - size));
                lo += 1L << size;
            }
        });
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
        for (BigInteger[] range : intervals()) {
            b.append(b.length() > 3 ? ", " : "").append(range[0]).append('=').append(range[1]);
        }
        return b.append('}').toString();
    }
}
