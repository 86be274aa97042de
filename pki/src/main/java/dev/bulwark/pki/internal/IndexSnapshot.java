package dev.bulwark.pki.internal;

import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entries of an index as read at one moment, with what is asked of them often answered without
 * a scan: the entry of one serial in O(1) and the keyCompromise entries in O(their number). A
 * snapshot never changes; {@link #with} gives the snapshot after lines were appended in O(lines
 * appended), not O(entries): snapshots of one file share an array that only grows past the sizes
 * already handed out and a serial → position map that only gains serials, and each snapshot sees
 * only the first {@code size} positions. Only one thread at a time may call {@link #with} on the
 * newest snapshot of a lineage (the index cache's refresh does so under its mutex); any thread may
 * read any snapshot. Not API.
 */
final class IndexSnapshot {

    private final IndexEntry[] entries;
    private final int size;
    private final Map<BigInteger, Integer> positions;
    private final List<IndexEntry> compromised;

    private IndexSnapshot(IndexEntry[] entries, int size, Map<BigInteger, Integer> positions, List<IndexEntry> compromised) {
        this.entries = entries;
        this.size = size;
        this.positions = positions;
        this.compromised = compromised;
    }

    /** The snapshot of these entries (serials distinct, as a parsed index has them). */
    static IndexSnapshot of(List<IndexEntry> list) {
        IndexEntry[] array = list.toArray(new IndexEntry[Math.max(16, list.size() + list.size() / 2)]);
        Map<BigInteger, Integer> positions = new ConcurrentHashMap<>(Math.max(16, list.size() * 2));
        List<IndexEntry> compromised = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            IndexEntry entry = list.get(i);
            if (positions.putIfAbsent(entry.serial(), i) != null) {
                throw new IllegalArgumentException("serial " + entry.serialHex() + " is listed twice");
            }
            if (isCompromised(entry)) {
                compromised.add(entry);
            }
        }
        return new IndexSnapshot(array, list.size(), positions, List.copyOf(compromised));
    }

    /**
     * This snapshot with entries appended (serials new, checked by the caller with {@link #entry}),
     * in O(appended): call it on the newest snapshot of its lineage only, from one thread at a time.
     */
    IndexSnapshot with(List<IndexEntry> appended) {
        if (appended.isEmpty()) {
            return this;
        }
        IndexEntry[] array = entries;
        int newSize = size + appended.size();
        if (newSize > array.length) {
            array = Arrays.copyOf(array, Math.max(newSize, array.length * 2));
        }
        List<IndexEntry> newlyCompromised = new ArrayList<>();
        for (int i = 0; i < appended.size(); i++) {
            IndexEntry entry = appended.get(i);
            array[size + i] = entry;
            if (isCompromised(entry)) {
                newlyCompromised.add(entry);
            }
        }
        // after the array: a reader of an older snapshot that finds a new serial ignores its position (>= its size)
        for (int i = 0; i < appended.size(); i++) {
            positions.put(appended.get(i).serial(), size + i);
        }
        List<IndexEntry> allCompromised = compromised;
        if (!newlyCompromised.isEmpty()) {
            List<IndexEntry> joined = new ArrayList<>(compromised);
            joined.addAll(newlyCompromised);
            allCompromised = List.copyOf(joined);
        }
        return new IndexSnapshot(array, newSize, positions, allCompromised);
    }

    /** Every entry in index order, unmodifiable (a view, made in O(1)). */
    List<IndexEntry> entries() {
        IndexEntry[] array = entries;
        int n = size;
        return new AbstractList<>() {
            @Override
            public IndexEntry get(int index) {
                if (index < 0 || index >= n) {
                    throw new IndexOutOfBoundsException("index " + index + " of " + n + " entries");
                }
                return array[index];
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /** The number of entries. */
    int size() {
        return size;
    }

    /** The entry of this serial, in O(1). */
    Optional<IndexEntry> entry(BigInteger serial) {
        Integer position = positions.get(serial);
        return position == null || position >= size ? Optional.empty() : Optional.of(entries[position]);
    }

    /** The entries revoked for keyCompromise, in index order. */
    List<IndexEntry> compromised() {
        return compromised;
    }

    private static boolean isCompromised(IndexEntry entry) {
        return entry.reason().filter(RevocationReason.KEY_COMPROMISE::equals).isPresent();
    }
}
