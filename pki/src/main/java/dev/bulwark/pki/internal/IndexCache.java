package dev.bulwark.pki.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.IndexEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's {@code index.txt} as one ledger object last read it, read again at the cost of what
 * changed: issuing only appends lines to the file (one write, one fsync, under the store lock), so
 * a read stats the path and, when the file is still the one read before, reads only the bytes
 * appended since, through a channel this cache keeps open on that file; when the path names another
 * file (a revocation replaced it by rename), it opens and parses the new file whole.
 *
 * <p><b>Why a read is never stale.</b> The cache holds the file it read open, so that file's inode
 * cannot be freed and its number cannot be given to another file while the cache holds it: a stat
 * of the path that returns the held file's key (device, inode) therefore names the held file, never
 * a later file that got the number back, and every change made to it since is an append, read
 * through the held channel. Keying on (inode, size) without holding the file would be unsafe: after
 * a rewrite the next rewrite can get the freed inode number back with the same size and tail and a
 * changed earlier line. The held file's key must be the key of the file the channel opened, and
 * Java cannot fstat a channel; a stat of the path after opening it could name a file that replaced
 * the opened one in between, and a stat before and after opening cannot exclude two replacements in
 * between of which the last reused the first's inode number. So the cache opens a file and stats
 * its path holding the store lock, under which no writer replaces or appends to the index: the
 * file opened is the file statted. This happens on the first read and after a revocation only; reads
 * of appended lines take no store lock. An append under way is seen as a prefix of what it writes
 * (the file's size grows as the bytes are copied in), so a line is read only once it ends in
 * {@code '\n'}: a final line without one is an append in progress in another process, or one cut
 * short by a crash, and is not yet written; the next issuer, under the lock, cuts such a tail before
 * it appends, by an atomic rewrite (see {@link #append}), so bytes once in the held file never change.
 * A complete line that does not parse is a positioned {@link ParseException}, at every read until it
 * is mended (an error found without the lock is confirmed under it before it is reported).
 * Changing the file in place by other means than appending (an editor that writes the same file
 * back) is not seen by a cache that has read it: replace the file by rename instead, as the store does.
 *
 * <p>Thread-safe: reads that find nothing new take no lock at all; reading new bytes takes a mutex
 * of this cache, always after the store lock where both are taken. Not API.
 */
final class IndexCache {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);

    private final Path file;
    private final String source;
    private final StoreLock lock;
    private final Object mutex = new Object();
    /** What was read last; replaced (never changed) under {@link #mutex}; null before the first read. */
    private volatile State state;

    IndexCache(Path file, StoreLock lock) {
        this.file = file;
        this.source = file.toString();
        this.lock = lock;
    }

    /**
     * The held file, its key, the bytes parsed (up to and including the last {@code '\n'}), the
     * complete lines among them (header included) and what they hold.
     */
    private record State(FileChannel channel, Object key, long length, int lines, IndexSnapshot snapshot) {
    }

    /** The index as on disk now: lock-free, except to open the file after it was replaced (or at first). */
    IndexSnapshot read() {
        return UncheckedIo.run(() -> {
            State known = state;
            if (known != null) {
                BasicFileAttributes now = stat();
                // state still known after the stat: its channel was open, so the key named its file
                if (known.key.equals(now.fileKey()) && now.size() == known.length && state == known) {
                    return known.snapshot;
                }
            }
            if (lock.isHeldByCurrentThread()) {
                return readLocked();
            }
            synchronized (mutex) {
                try {
                    State current = refresh(false);
                    if (current != null) {
                        return current.snapshot;
                    }
                } catch (ParseException e) {
                    // told again under the lock, where no append is under way, if it is still so
                }
            }
            // the first read, a replaced file, or an error to confirm: under the store lock (taken before the mutex, always)
            return lock.locked(this::readLocked);
        });
    }

    /** {@link #read()} for a caller that holds the store lock. */
    IndexSnapshot readLocked() {
        synchronized (mutex) {
            return UncheckedIo.run(() -> refresh(true).snapshot);
        }
    }

    /**
     * Appends the lines of these entries to the index with one write and one fsync, holding the store
     * lock. Refuses a serial the index lists already. An unterminated last line (an append cut short
     * by a crash; its certificate file exists, unlisted, as the store allows) is cut back to the last
     * {@code '\n'} first, by rewriting the file with the new lines (atomically, as a revocation does):
     * cutting and appending in place would overwrite bytes a lock-free reader may be reading, which
     * could splice the torn line's start with the new line's end into a line never written. If the
     * write fails, what it wrote is left for the next reader and issuer: complete lines name
     * certificate files that exist, a torn one is cut.
     */
    void append(List<IndexEntry> added) throws IOException {
        synchronized (mutex) {
            State known = refresh(true);
            Set<BigInteger> batch = new HashSet<>();
            for (IndexEntry entry : added) {
                if (known.snapshot.entry(entry.serial()).isPresent() || !batch.add(entry.serial())) {
                    throw new IllegalStateException("serial " + entry.serialHex()
                            + " is in the index already although its certificate file was created new");
                }
            }
            byte[] bytes = IndexFormat.renderLines(added).getBytes(StandardCharsets.UTF_8);
            // the store lock is held: the path names the file the cache holds (refresh just statted it)
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                long size = out.size();
                if (size < known.length) {
                    throw new IllegalStateException(file + " has " + size + " bytes, fewer than the " + known.length
                            + " read from it under the store lock: it was changed in place by something else");
                }
                if (size > known.length) {
                    LOG.warn("{}: cutting {} byte(s) of an unterminated last line (an append cut short) before appending",
                            file, size - known.length);
                    List<IndexEntry> all = new ArrayList<>(known.snapshot.entries());
                    all.addAll(added);
                    SafeFiles.writeString(file, IndexFormat.render(all), FileMode.PUBLIC);
                    refresh(true);
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = known.length;
                while (buffer.hasRemaining()) {
                    position += out.write(buffer, position);
                }
                out.force(true);
            }
            state = new State(known.channel, known.key, known.length + bytes.length, known.lines + added.size(),
                    known.snapshot.with(added));
        }
    }

    /**
     * Under the mutex: the state of the file the path names now, reading what was appended to the
     * held file, or opening the file anew when the path names another ({@code locked}: the caller
     * holds the store lock; else null is returned for that case).
     */
    private State refresh(boolean locked) throws IOException {
        State known = state;
        BasicFileAttributes now = stat();
        if (known != null && known.key.equals(now.fileKey()) && now.size() >= known.length) {
            if (now.size() == known.length) {
                return known;
            }
            State next = appended(known, now.size());
            state = next;
            return next;
        }
        if (!locked) {
            return null;
        }
        State next = open();
        state = next;
        if (known != null) {
            known.channel.close();   // after publishing: a lock-free reader re-checks the state after its stat
        }
        return next;
    }

    /** The held file's lines appended since {@code known}, the file's size having been seen as {@code size}. */
    private State appended(State known, long size) throws IOException {
        byte[] bytes = readFrom(known.channel, known.length, size);
        int end = lastNewline(bytes);
        if (end < 0) {
            return known;   // an append under way, or cut short: not written yet
        }
        Set<BigInteger> batch = new HashSet<>();
        List<IndexEntry> added = parse(bytes, end, known.lines + 1,
                serial -> known.snapshot.entry(serial).isEmpty() && batch.add(serial));
        return new State(known.channel, known.key, known.length + end + 1, known.lines + added.size(),
                known.snapshot.with(added));
    }

    /** With the store lock held: opens the file the path names and parses it whole. */
    private State open() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            // no writer replaces the index while the store lock is held: the stat names the file just opened
            Object key = stat().fileKey();
            if (key == null) {
                throw new IOException(file + ": the file system gives no file key to tell a replaced index by");
            }
            byte[] bytes = readFrom(channel, 0, channel.size());
            int end = lastNewline(bytes);
            if (end < 0) {
                throw new ParseException(Position.of(source, 1), "index is empty or its last line is incomplete");
            }
            List<IndexEntry> entries = parse(bytes, end, 1, new HashSet<BigInteger>()::add);
            return new State(channel, key, end + 1, entries.size() + 1, IndexSnapshot.of(entries));
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    private BasicFileAttributes stat() throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    /** The bytes of the channel's file from {@code from} up to {@code to} or its end, whichever comes first. */
    private static byte[] readFrom(FileChannel channel, long from, long to) throws IOException {
        long count = to - from;
        if (count > Integer.MAX_VALUE - 16) {
            throw new IOException("index grew by " + count + " bytes at once; too large to read");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) count);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, from + buffer.position());
            if (n < 0) {
                break;
            }
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The entries of the lines of {@code bytes[0, end)}, split at {@code '\n'}, each decoded as strict
     * UTF-8 and parsed in turn (the first error in the file is the one reported); the first is line
     * {@code first} of the file, the header if that is 1.
     */
    private List<IndexEntry> parse(byte[] bytes, int end, int first, Predicate<BigInteger> firstSighting) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<IndexEntry> entries = new ArrayList<>();
        int number = first;
        for (int start = 0; start <= end; number++) {
            int stop = start;
            while (stop < end && bytes[stop] != '\n') {
                stop++;
            }
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(bytes, start, stop - start)).toString();
            } catch (CharacterCodingException e) {
                throw new ParseException(Position.of(source, number), "the line is not UTF-8");
            }
            if (number == 1) {
                if (!line.equals(IndexFormat.HEADER)) {
                    throw new ParseException(Position.of(source, 1), "missing header '" + IndexFormat.HEADER + "'", line);
                }
            } else {
                entries.add(IndexFormat.parseEntry(line, source, number, firstSighting));
            }
            start = stop + 1;
        }
        return entries;
    }
}
