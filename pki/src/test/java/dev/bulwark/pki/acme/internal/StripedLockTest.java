package dev.bulwark.pki.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stripes hold against another process while other threads of this JVM lock and unlock other
 * stripes, and a thread may lock a stripe it holds. The other process is a second JVM that only
 * tries the region ({@link RegionProbe}).
 */
class StripedLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldStripeStaysLockedForOtherProcessesWhileOtherThreadsLockAndUnlock() throws Exception {
        Path file = dir.resolve(".lock");
        StripedLock lock = new StripedLock(file);
        String held = "authz:one";
        String other = keyOnAnotherStripe(held);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            String whileHeld = lock.locked(held, () -> {
                try {
                    // another thread takes and leaves another stripe: closing a descriptor of the lock
                    // file then would release this thread's region too
                    for (int i = 0; i < 3; i++) {
                        thread.submit(() -> lock.locked(other, () -> null)).get(30, TimeUnit.SECONDS);
                    }
                    return RegionProbe.probe(file, stripe(held));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(whileHeld).isEqualTo("held");
            assertThat(RegionProbe.probe(file, stripe(held))).isEqualTo("free");
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aThreadLocksAStripeItHoldsAndKeepsItUntilTheOuterCallEnds() throws Exception {
        Path file = dir.resolve(".lock");
        StripedLock lock = new StripedLock(file);
        String afterInner = lock.locked("order:x", () -> {
            lock.locked(java.util.List.of("order:x", "acct:y"), () -> null);
            try {
                return RegionProbe.probe(file, stripe("order:x"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(afterInner).isEqualTo("held");
        assertThat(RegionProbe.probe(file, stripe("order:x"))).isEqualTo("free");
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), StripedLock.STRIPES);
    }

    private static String keyOnAnotherStripe(String key) {
        for (int i = 0; ; i++) {
            String candidate = "order:" + i;
            if (stripe(candidate) != stripe(key)) {
                return candidate;
            }
        }
    }

    /** A second JVM that tries one region of the lock file and prints {@code held} or {@code free}. */
    public static final class RegionProbe {

        static String probe(Path file, int stripe) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), RegionProbe.class.getName(), file.toString(),
                    Integer.toString(stripe)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            return out;
        }

        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                FileLock region = channel.tryLock(Integer.parseInt(args[1]), 1, false);
                System.out.println(region == null ? "held" : "free");
            }
        }
    }
}
