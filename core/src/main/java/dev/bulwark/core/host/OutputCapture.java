package dev.bulwark.core.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One output stream of a running command (stdout or stderr), read to its end by its own thread
 * and kept in memory up to a limit. The first byte past the limit, or any failure of the reader
 * (an {@link Error} included), completes {@link #trouble()} at once (output past the limit is read
 * and dropped), so that the caller can kill the command and report it without waiting for a timeout.
 * For {@link Host} implementations.
 *
 * <pre>{@code
 * OutputCapture out = OutputCapture.start(process.getInputStream(), "stdout", limit, "ls[42] stdout");
 * CompletableFuture.anyOf(process.onExit(), out.trouble()).get(…);
 * out.rethrow(command);   // CommandOutputTooLargeException, or the reader's failure
 * }</pre>
 */
public final class OutputCapture {

    /** The default limit of captured output per stream: 64 MiB. */
    public static final long DEFAULT_LIMIT = 64L * 1024 * 1024;

    private final InputStream in;
    private final String stream;
    private final long limit;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final CompletableFuture<Void> trouble = new CompletableFuture<>();
    private volatile boolean overflowed;
    private volatile Throwable failure;
    private Thread thread;

    private OutputCapture(InputStream in, String stream, long limit) {
        this.in = in;
        this.stream = stream;
        this.limit = limit;
    }

    /**
     * Starts reading {@code in} on a daemon thread.
     *
     * @param stream     the stream's name in messages ({@code stdout}, {@code stderr})
     * @param limit      how many bytes may be kept; one more is an overflow
     * @param threadName the reading thread's name
     */
    public static OutputCapture start(InputStream in, String stream, long limit, String threadName) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        OutputCapture c = new OutputCapture(in, stream, limit);
        c.thread = new Thread(c::copy, threadName);
        c.thread.setDaemon(true);
        c.thread.start();
        return c;
    }

    private void copy() {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                long keep = Math.max(0, Math.min(n, limit - total));
                if (keep > 0) {
                    synchronized (captured) {
                        captured.write(buffer, 0, (int) keep);
                    }
                }
                total += n;
                if (total > limit && !overflowed) {
                    overflowed = true;
                    trouble.complete(null);
                }
                // Past the limit the rest is read and dropped until the caller's kill ends the stream:
                // closing it early would break an SSH connection that still receives the channel's data.
            }
        } catch (IOException closedUnderUs) {
            // The stream was closed after a kill or by the end of the channel; what was read is kept.
        } catch (RuntimeException | Error e) {
            failure = e;
            trouble.complete(null);
        }
    }

    /** Completes when the output went past the limit or the reader failed; never on a normal end. */
    public CompletableFuture<Void> trouble() {
        return trouble;
    }

    /** A future that completes when any of the captures is in trouble. */
    public static CompletableFuture<Object> trouble(OutputCapture... captures) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[captures.length];
        for (int i = 0; i < captures.length; i++) {
            all[i] = captures[i].trouble;
        }
        return CompletableFuture.anyOf(all);
    }

    /**
     * Throws what went wrong, if anything.
     *
     * @throws CommandOutputTooLargeException when the output went past the limit
     * @throws IOException                    when the reader failed (the failure is the cause)
     */
    public void rethrow(List<String> command) throws IOException {
        if (overflowed) {
            throw new CommandOutputTooLargeException(command, stream, limit);
        }
        Throwable t = failure;
        if (t != null) {
            throw new IOException("reading " + stream + " of '" + Commands.display(command) + "' failed: " + t, t);
        }
    }

    /** Whether the output went past the limit or the reader failed. */
    public boolean inTrouble() {
        return trouble.isDone();
    }

    /** Waits up to {@code millis} for the reading to end; returns whether it ended. */
    public boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    /** Closes the stream so that the reader ends even if another process still holds the pipe. */
    public void abandon() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing left to save.
        }
    }

    /** The bytes kept so far, decoded as UTF-8. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The failure of the reader, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "OutputCapture[" + stream + ", limit " + limit + " bytes" + (overflowed ? ", overflowed" : "") + "]";
    }
}
