package dev.bulwark.pki.acme.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * New orders per account in a sliding window, counted in this process (a server restart or a
 * second process starts its own count). Not API.
 */
public final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentMap<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one new order, or throws {@code rateLimited} with when to retry. */
    public void acquire(String accountId) {
        Instant now = clock.instant();
        Deque<Instant> times = recent.computeIfAbsent(accountId, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.removeFirst();
            }
            if (times.size() >= limit) {
                Duration wait = Duration.between(now, times.peekFirst().plus(window));
                throw Problem.rateLimited("this account created " + limit + " orders in the last "
                        + window.toMinutes() + " minutes, the most allowed; retry after " + Math.max(1, wait.toSeconds())
                        + " seconds", wait);
            }
            times.addLast(now);
        }
    }
}
