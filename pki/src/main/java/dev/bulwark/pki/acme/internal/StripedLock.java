package dev.bulwark.pki.acme.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Locks on keys (an account, an order, an authorization, a key thumbprint) across threads and
 * processes without one global lock: a key hashes to one of {@value #STRIPES} stripes, each an
 * in-JVM lock plus a one-byte {@link FileLock} region of one lock file. Several keys are locked in
 * stripe order, so two callers never deadlock; a thread that holds a stripe may lock it again.
 *
 * <p>Every region this JVM holds is locked through one {@link FileChannel} per lock file, kept
 * open while any thread holds a region and closed when none does. On Linux the regions are POSIX
 * record locks, which belong to the process and are all released when any descriptor of the file
 * is closed: a channel opened and closed per call, as this class once did, silently released the
 * regions other threads still held, and another process could then enter. Not API.
 */
public final class StripedLock {

    static final int STRIPES = 512;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StripedLock.class);

    /**
     * One set of in-JVM stripes and one channel per lock file, shared by every store object on that
     * file in this JVM (FileChannel locks are held per JVM, so two threads must not both ask the OS
     * for one region, and no descriptor of the file may be closed while a region is held).
     */
    private static final ConcurrentMap<Path, Shared> SHARED = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final Shared shared;

    public StripedLock(Path lockFile) {
        Path real;
        try {
            real = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.lockFile = real;
        this.shared = SHARED.computeIfAbsent(real, Shared::new);
    }

    /** Runs the action holding the locks of all these keys. */
    public <T> T locked(Collection<String> keys, Supplier<T> action) {
        TreeSet<Integer> wanted = new TreeSet<>();
        keys.forEach(k -> wanted.add(Math.floorMod(k.hashCode(), STRIPES)));
        Deque<ReentrantLock> held = new ArrayDeque<>();
        Deque<FileLock> regions = new ArrayDeque<>();
        boolean channelHeld = false;
        try {
            for (int stripe : wanted) {
                ReentrantLock jvmLock = shared.stripes[stripe];
                jvmLock.lock();
                held.push(jvmLock);
                if (jvmLock.getHoldCount() > 1) {
                    continue;   // this thread holds the region already (a nested call)
                }
                if (!channelHeld) {
                    shared.acquire();
                    channelHeld = true;
                }
                regions.push(shared.lockRegion(stripe));
            }
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } finally {
            while (!regions.isEmpty()) {
                try {
                    regions.pop().release();
                } catch (IOException e) {
                    // only a channel closed already (by an interrupt) fails here, and closing released the region
                    LOG.warn("cannot release a region of {}", lockFile, e);
                }
            }
            if (channelHeld) {
                shared.release();
            }
            while (!held.isEmpty()) {
                held.pop().unlock();
            }
        }
    }

    /** Runs the action holding the lock of this key. */
    public <T> T locked(String key, Supplier<T> action) {
        return locked(List.of(key), action);
    }

    /** The stripes and the channel of one lock file. */
    private static final class Shared {
        final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
        private final Path file;
        private FileChannel channel;
        private int users;

        Shared(Path file) {
            this.file = file;
            Arrays.setAll(stripes, i -> new ReentrantLock());
        }

        /** Opens the channel if no thread uses it, and counts this thread as a user. */
        synchronized void acquire() throws IOException {
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            users++;
        }

        /** Closes the channel when the last user is done: no region of this JVM is held then. */
        synchronized void release() {
            if (--users == 0) {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + file, e);
                } finally {
                    channel = null;
                }
            }
        }

        FileLock lockRegion(int stripe) throws IOException {
            FileChannel open;
            synchronized (this) {
                open = channel;
            }
            return open.lock(stripe, 1, false);
        }
    }
}
