package dev.bulwark.pki.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Mutual exclusion for one store directory across threads and processes: an in-JVM lock first
 * (FileChannel locks are held per JVM, so two threads must not both ask the OS), then an exclusive
 * {@link FileLock} on the store's lock file. Not API.
 */
public final class StoreLock {

    /**
     * One in-JVM lock per store directory. This is the one piece of static state in the module: it
     * must be shared by every store object opened on the same directory in this JVM.
     */
    private static final ConcurrentMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock jvmLock;

    public StoreLock(Path directory, String lockFileName) {
        Path real;
        try {
            real = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.lockFile = real.resolve(lockFileName);
        this.jvmLock = JVM_LOCKS.computeIfAbsent(real, p -> new ReentrantLock());
    }

    /** Whether the current thread holds the lock (inside {@link #locked}). */
    public boolean isHeldByCurrentThread() {
        return jvmLock.isHeldByCurrentThread();
    }

    /** Runs the action holding both locks. */
    public <T> T locked(Supplier<T> action) {
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } finally {
            jvmLock.unlock();
        }
    }
}
