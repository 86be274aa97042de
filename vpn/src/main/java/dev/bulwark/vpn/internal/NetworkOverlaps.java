package dev.bulwark.vpn.internal;

import dev.bulwark.core.net.IpNetwork;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pairwise disjoint networks, each with an owner, that answer "which held network overlaps this
 * one?" in O(log n). Two CIDR networks overlap only when one contains the other, so among disjoint
 * networks ordered by first address the only candidates are the nearest one at or below the new
 * network (which may contain it) and the nearest one above (which it may contain). This keeps
 * checking n networks against each other at O(n log n) instead of the O(n²) of comparing every
 * pair. Not API.
 *
 * @param <T> what owns a network, e.g. a peer's index
 */
public final class NetworkOverlaps<T> {

    private final TreeMap<Key, Overlap<T>> held = new TreeMap<>(Key.ORDER);

    /** A held network that overlaps another, with its owner. */
    public record Overlap<T>(IpNetwork held, T owner) {
    }

    /** The held network that overlaps {@code network}, if any. */
    public Optional<Overlap<T>> find(IpNetwork network) {
        Key key = Key.of(network);
        Map.Entry<Key, Overlap<T>> below = held.floorEntry(key);
        if (below != null && below.getKey().contains(key)) {
            return Optional.of(below.getValue());
        }
        Map.Entry<Key, Overlap<T>> above = held.higherEntry(key);
        if (above != null && key.contains(above.getKey())) {
            return Optional.of(above.getValue());
        }
        return Optional.empty();
    }

    /**
     * Holds {@code network} unless a held one overlaps it.
     *
     * @return the overlapping held network, empty when {@code network} is now held
     */
    public Optional<Overlap<T>> claim(IpNetwork network, T owner) {
        Optional<Overlap<T>> overlap = find(network);
        if (overlap.isEmpty()) {
            held.put(Key.of(network), new Overlap<>(network, owner));
        }
        return overlap;
    }

    /**
     * Holds all {@code networks} for one owner; the caller has checked with {@link #find} that none
     * overlaps a held one and that they are disjoint among themselves.
     */
    public void claimAll(Collection<IpNetwork> networks, T owner) {
        for (IpNetwork network : networks) {
            held.put(Key.of(network), new Overlap<>(network, owner));
        }
    }

    /** A network as 128 bits (IPv4 in the low 32) and a prefix, compared without copying arrays. */
    private record Key(boolean v6, long high, long low, int prefix) {

        static final Comparator<Key> ORDER = (a, b) -> {
            int c = Boolean.compare(a.v6, b.v6);
            if (c == 0) {
                c = Long.compareUnsigned(a.high, b.high);
            }
            if (c == 0) {
                c = Long.compareUnsigned(a.low, b.low);
            }
            return c != 0 ? c : Integer.compare(a.prefix, b.prefix);
        };

        static Key of(IpNetwork network) {
            byte[] bytes = network.address().getAddress();
            if (bytes.length == 4) {
                return new Key(false, 0, ByteBuffer.wrap(bytes).getInt() & 0xffffffffL, network.prefixLength() + 96);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new Key(true, buffer.getLong(), buffer.getLong(), network.prefixLength());
        }

        /** Whether every address of {@code other} is in this network (prefixes counted in 128 bits). */
        boolean contains(Key other) {
            if (v6 != other.v6 || other.prefix < prefix) {
                return false;
            }
            return (other.high & mask(prefix)) == high && (other.low & mask(prefix - 64)) == low;
        }

        /** The first {@code bits} bits of a 64-bit word set (none below 1, all from 64). */
        private static long mask(int bits) {
            return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
        }
    }
}
