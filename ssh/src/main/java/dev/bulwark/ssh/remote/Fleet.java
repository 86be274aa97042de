package dev.bulwark.ssh.remote;

import dev.bulwark.core.ValidationException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one operation on many hosts: each on its own connection, on a caller-supplied
 * {@link Executor} (a fixed pool, or {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21),
 * at most {@code concurrency} at once. Every host gets a result; one host's failure never stops the
 * others. Each host has its own deadlines: its login's ({@link SshConnector#connect}: a silent port
 * fails after {@code connectTimeout + 2 × authTimeout}, freeing its slot) and its operation's
 * ({@link Builder#hostTimeout}). After the overall timeout, hosts not finished get a timeout failure,
 * their connections are closed, hosts not started fail at once, and the run returns; no worker
 * stays blocked on a host afterwards.
 *
 * <pre>{@code
 * List<FleetResult<ServiceReport>> results = Fleet.builder(connector, options)
 *         .executor(pool).concurrency(10).timeout(Duration.ofMinutes(2))
 *         .build().run(targets, host -> RemoteAudits.services(host, ServicePolicy.empty()));
 * }</pre>
 */
public final class Fleet {

    /** An operation on one connected host. */
    @FunctionalInterface
    public interface Operation<T> {
        /** Runs on the host; any exception (or a null result) becomes that host's failure. */
        T apply(RemoteHost host) throws Exception;
    }

    /** Told about each finished host (from the executor's threads, possibly concurrently). */
    @FunctionalInterface
    public interface Progress {
        /**
         * A host finished.
         *
         * @param result its result
         * @param done   how many hosts have finished so far
         * @param total  how many there are
         */
        void finished(FleetResult<?> result, int done, int total);
    }

    private final SshConnector connector;
    private final ConnectOptions options;
    private final Executor executor;
    private final int concurrency;
    private final Duration timeout;
    private final Duration hostTimeout;
    private final Progress progress;

    private Fleet(Builder b) {
        this.connector = b.connector;
        this.options = b.options;
        this.executor = b.executor;
        this.concurrency = b.concurrency;
        this.timeout = b.timeout;
        this.hostTimeout = b.hostTimeout == null ? b.timeout : b.hostTimeout;
        this.progress = b.progress;
    }

    /** A builder; {@link Builder#executor} is required. */
    public static Builder builder(SshConnector connector, ConnectOptions options) {
        return new Builder(connector, options);
    }

    /** Runs the operation on every target; the results are in the order of {@code targets}. */
    public <T> List<FleetResult<T>> run(List<SshTarget> targets, Operation<T> operation) throws InterruptedException {
        List<SshTarget> all = List.copyOf(targets);
        Run state = new Run(new Semaphore(concurrency));
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        List<CompletableFuture<FleetResult<T>>> futures = new ArrayList<>();
        for (SshTarget target : all) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                FleetResult<T> r = once(target, operation, state);
                progress.finished(r, done.incrementAndGet(), all.size());
                return r;
            }, executor));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<FleetResult<T>> results = new ArrayList<>();
        try {
            for (int i = 0; i < all.size(); i++) {
                CompletableFuture<FleetResult<T>> f = futures.get(i);
                try {
                    results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    state.stop();
                    f.cancel(true);
                    results.add(FleetResult.failure(all.get(i), new TimeoutException("the fleet's overall timeout of "
                            + timeout + " passed before " + all.get(i) + " finished")));
                } catch (ExecutionException | CompletionException e) {
                    results.add(FleetResult.failure(all.get(i), e.getCause() == null ? e : e.getCause()));
                }
            }
        } finally {
            state.stop();
        }
        return results;
    }

    /**
     * One run's shared state: the concurrency slots, the connections open now, and whether the run
     * is over. Stopping closes every open connection (ending whatever its operation waits for), and
     * hosts not yet started then fail at once, so that no worker stays busy after {@link #run} returns.
     */
    private static final class Run {
        final Semaphore slots;
        final Set<RemoteHost> open = ConcurrentHashMap.newKeySet();
        volatile boolean stopped;

        Run(Semaphore slots) {
            this.slots = slots;
        }

        void stop() {
            stopped = true;
            open.forEach(Fleet::closeQuietly);
        }
    }

    private static void closeQuietly(RemoteHost host) {
        try {
            host.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is gone either way
        }
    }

    private <T> FleetResult<T> once(SshTarget target, Operation<T> operation, Run state) {
        try {
            state.slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FleetResult.failure(target, e);
        }
        try {
            if (state.stopped) {
                return FleetResult.failure(target, new TimeoutException("the fleet's overall timeout of " + timeout
                        + " passed before " + target + " started"));
            }
            try (RemoteHost host = connector.connect(target, options)) {
                state.open.add(host);
                if (state.stopped) {
                    closeQuietly(host);
                }
                Watchdog watchdog = Watchdog.arm(hostTimeout, () -> closeQuietly(host));
                try {
                    T value = operation.apply(host);
                    if (!watchdog.disarm()) {
                        return FleetResult.failure(target, hostTimedOut(target, null));
                    }
                    if (value == null) {
                        return FleetResult.failure(target, new IllegalStateException("the operation returned null for " + target));
                    }
                    return FleetResult.success(target, value);
                } catch (Exception | LinkageError e) {
                    return FleetResult.failure(target, watchdog.disarm() ? e : hostTimedOut(target, e));
                } finally {
                    state.open.remove(host);
                }
            }
        } catch (Exception | LinkageError e) {
            return FleetResult.failure(target, e);
        } finally {
            state.slots.release();
        }
    }

    private TimeoutException hostTimedOut(SshTarget target, Throwable cause) {
        TimeoutException t = new TimeoutException("the operation on " + target + " did not finish within the fleet's"
                + " per-host timeout of " + hostTimeout + "; its connection was closed");
        if (cause != null) {
            t.initCause(cause);
        }
        return t;
    }

    @Override
    public String toString() {
        return "Fleet[concurrency=" + concurrency + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link Fleet}. */
    public static final class Builder {
        private final SshConnector connector;
        private final ConnectOptions options;
        private Executor executor;
        private int concurrency = 10;
        private Duration timeout = Duration.ofMinutes(10);
        private Duration hostTimeout;
        private Progress progress = (r, d, t) -> { };

        private Builder(SshConnector connector, ConnectOptions options) {
            this.connector = Objects.requireNonNull(connector, "connector");
            this.options = Objects.requireNonNull(options, "options");
        }

        /** Where the per-host work runs (required; the fleet never creates threads itself). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How many hosts are worked on at once; default 10. */
        public Builder concurrency(int hosts) {
            if (hosts < 1) {
                throw new ValidationException("concurrency must be at least 1, not " + hosts);
            }
            this.concurrency = hosts;
            return this;
        }

        /** The whole run's time limit; default 10 minutes. */
        public Builder timeout(Duration overall) {
            Objects.requireNonNull(overall, "overall");
            if (overall.isNegative() || overall.isZero()) {
                throw new ValidationException("timeout must be positive, not " + overall);
            }
            this.timeout = overall;
            return this;
        }

        /**
         * How long one host's operation may run once it is logged in; default: the overall
         * {@link #timeout}. When it passes, the host's connection is closed, which ends whatever the
         * operation waits for, and the host fails with a {@link TimeoutException}. The login itself
         * has the deadline of the {@link ConnectOptions} ({@link SshConnector#connect}).
         */
        public Builder hostTimeout(Duration perHost) {
            Objects.requireNonNull(perHost, "perHost");
            if (perHost.isNegative() || perHost.isZero()) {
                throw new ValidationException("hostTimeout must be positive, not " + perHost);
            }
            this.hostTimeout = perHost;
            return this;
        }

        /** Called as each host finishes; default none. */
        public Builder progress(Progress listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The fleet runner. */
        public Fleet build() {
            if (executor == null) {
                throw new ValidationException("executor: supply one (a pool, or virtual threads on JDK 21)");
            }
            return new Fleet(this);
        }
    }
}
