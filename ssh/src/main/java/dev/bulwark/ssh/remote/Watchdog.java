package dev.bulwark.ssh.remote;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once a deadline passes unless disarmed first (the action then typically closes a
 * connection, which ends whatever a thread is blocked on). Exactly one of "disarmed in time" and
 * "fired" happens. Not API.
 */
final class Watchdog {

    private final Object lock = new Object();
    private final CompletableFuture<Void> disarmed = new CompletableFuture<>();
    private final Runnable action;
    private boolean done;
    private volatile boolean fired;

    private Watchdog(Runnable action) {
        this.action = action;
    }

    /** Arms a watchdog that runs {@code action} after {@code delay} unless {@link #disarm()}ed. */
    static Watchdog arm(Duration delay, Runnable action) {
        Watchdog w = new Watchdog(action);
        w.disarmed.completeOnTimeout(null, Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS).thenRun(w::fire);
        return w;
    }

    private void fire() {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            fired = true;
        }
        action.run();
    }

    /** Disarms; returns whether that happened before the deadline fired. */
    boolean disarm() {
        synchronized (lock) {
            if (done) {
                return !fired;
            }
            done = true;
        }
        disarmed.complete(null);
        return true;
    }

    /** Whether the deadline passed and the action ran. */
    boolean fired() {
        return fired;
    }
}
