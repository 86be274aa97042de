package dev.bulwark.pki.acme.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
 * stripe order, so two callers never deadlock. Not API.
 */
public final class StripedLock {

    static final int STRIPES = 512;

    /**
     * One set of in-JVM stripes per lock file, shared by every store object on that file in this JVM
     * (FileChannel locks are held per JVM, so two threads must not both ask the OS for one region).
     */
    private static final ConcurrentMap<Path, ReentrantLock[]> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock[] stripes;

    public StripedLock(Path lockFile) {
        Path real;
        try {
            real = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.lockFile = real;
        this.stripes = JVM_LOCKS.computeIfAbsent(real, p -> {
            ReentrantLock[] locks = new ReentrantLock[STRIPES];
            Arrays.setAll(locks, i -> new ReentrantLock());
            return locks;
        });
    }

    /** Runs the action holding the locks of all these keys. */
    public <T> T locked(Collection<String> keys, Supplier<T> action) {
        TreeSet<Integer> wanted = new TreeSet<>();
        keys.forEach(k -> wanted.add(Math.floorMod(k.hashCode(), STRIPES)));
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (int stripe : wanted) {
                stripes[stripe].lock();
                held.add(stripes[stripe]);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                List<FileLock> regions = new ArrayList<>();
                for (int stripe : wanted) {
                    regions.add(channel.lock(stripe, 1, false));
                }
                return action.get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + lockFile, e);
            }
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    /** Runs the action holding the lock of this key. */
    public <T> T locked(String key, Supplier<T> action) {
        return locked(List.of(key), action);
    }
}
