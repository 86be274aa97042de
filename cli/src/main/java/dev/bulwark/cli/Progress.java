package dev.bulwark.cli;

import java.io.PrintWriter;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A step that may take a while: its description goes to stderr when it is still running after
 * {@link #DELAY_MS} (one second; the environment variable {@code BULWARK_PROGRESS_AFTER_MS} changes
 * it), and then how long it took. Quick steps print nothing.
 *
 * <pre>{@code
 * try (Progress p = Progress.start(err, "reading rules.txt (12,000 lines)")) {
 *     ...
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    /** How long a step runs before it is announced, in milliseconds. */
    public static final long DELAY_MS = 1000;

    private final PrintWriter err;
    private final String what;
    private final long started = System.nanoTime();
    private final Timer timer;
    private boolean shown;
    private boolean closed;

    private Progress(PrintWriter err, String what, long delayMs) {
        this.err = err;
        this.what = what;
        timer = new Timer("bulwark-progress", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                show();
            }
        }, delayMs);
    }

    /** Starts a step; {@code err} is stderr. */
    public static Progress start(PrintWriter err, String what) {
        return new Progress(err, what, delay());
    }

    private static long delay() {
        String value = System.getenv("BULWARK_PROGRESS_AFTER_MS");
        if (value != null && value.matches("[0-9]{1,9}")) {
            return Long.parseLong(value);
        }
        return DELAY_MS;
    }

    private synchronized void show() {
        if (closed) {
            return;
        }
        shown = true;
        err.println(what + " ...");
        err.flush();
    }

    @Override
    public void close() {
        timer.cancel();
        synchronized (this) {
            closed = true;
            if (shown) {
                err.printf("%s: done in %.1f s%n", what, (System.nanoTime() - started) / 1e9);
                err.flush();
            }
        }
    }
}
