package dev.bulwark.pki.internal;

import dev.bulwark.pki.IndexEntry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entries of the index text read last, so that reading an index again parses only what changed:
 * the same text gives the same entries, a text that extends the last one (certificates issued
 * since) parses only the lines added, anything else is parsed whole. The cache is keyed on the
 * whole text the caller has just read from the file, never on file metadata, so a change by another
 * process is always seen. Thread-safe. Not API.
 */
final class IndexCache {

    private volatile Snapshot last;

    /** The entries of this index text ({@link IndexFormat#parse}), unmodifiable. */
    List<IndexEntry> parse(String text, String source) {
        Snapshot known = last;
        if (known != null && text.equals(known.text)) {
            return known.entries;
        }
        Snapshot parsed;
        if (known != null && text.length() > known.text.length() && text.endsWith("\n") && text.startsWith(known.text)) {
            String[] added = text.substring(known.text.length(), text.length() - 1).split("\n", -1);
            List<IndexEntry> entries = new ArrayList<>(known.entries.size() + added.length);
            entries.addAll(known.entries);
            Set<BigInteger> serials = new HashSet<>(known.serials);
            // the header is line 1, so the known entries end at line size + 1
            IndexFormat.parseLines(added, 0, known.entries.size() + 2, entries, serials, source);
            parsed = new Snapshot(text, List.copyOf(entries), serials);
        } else {
            List<IndexEntry> entries = IndexFormat.parse(text, source);
            Set<BigInteger> serials = new HashSet<>();
            entries.forEach(e -> serials.add(e.serial()));
            parsed = new Snapshot(text, List.copyOf(entries), serials);
        }
        last = parsed;
        return parsed.entries;
    }

    /** An index text and what it holds; {@code serials} is never changed once published. */
    private record Snapshot(String text, List<IndexEntry> entries, Set<BigInteger> serials) {
    }
}
