package dev.bulwark.pki.acme.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * New orders per account in a sliding window, counted from the order records in the store — the
 * creation time each order id carries ({@link OrderRecord#newId}), or the record's {@code created}
 * for ids of older stores — so that the limit holds across restarts and across every server
 * process on the store, without a write of its own. The caller holds the account's new-order lock
 * from the count until the new order is written. Not API.
 */
public final class RateLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** The lock key under which an account's orders are counted and its new order written. */
    public static String lockKey(String accountId) {
        return "new-order:" + accountId;
    }

    /** Counts the account's orders created within the window, or throws {@code rateLimited} with when to retry. */
    public void acquire(AcmeStore store, String accountId) {
        Instant now = clock.instant();
        Instant from = now.minus(window);
        List<Instant> recent = new ArrayList<>();
        for (String id : store.orderIds(accountId, from)) {
            // an order whose time cannot be read counts as created now: the limit never under-counts
            Instant created = OrderRecord.createdFromId(id)
                    .orElseGet(() -> store.order(accountId, id).map(OrderRecord::created).orElse(now));
            if (created.isAfter(from)) {
                recent.add(created);
            }
        }
        if (recent.size() >= limit) {
            recent.sort(null);
            // the order whose leaving the window brings the count below the limit
            Duration wait = Duration.between(now, recent.get(recent.size() - limit).plus(window));
            throw Problem.rateLimited("this account created " + recent.size() + " orders in the last "
                    + window.toMinutes() + " minutes, the most allowed is " + limit + "; retry after "
                    + Math.max(1, wait.toSeconds()) + " seconds", wait);
        }
    }
}
