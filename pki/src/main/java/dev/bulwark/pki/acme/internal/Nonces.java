package dev.bulwark.pki.acme.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anti-replay nonces (RFC 8555 §6.5): 128 random bits, each accepted once. The outstanding nonces
 * are bounded: they live in two generations of at most {@code capacity} each, and when the current
 * generation is full the older one is dropped, so an unused nonce stops working after between
 * {@code capacity} and {@code 2 * capacity} newer ones. A nonce another process issued, or one from
 * before a restart, is unknown here and refused with {@code badNonce}; clients retry with the fresh
 * nonce that every response carries. Not API.
 */
public final class Nonces {

    private final SecureRandom random;
    private final int capacity;
    private volatile Set<String> current = ConcurrentHashMap.newKeySet();
    private volatile Set<String> previous = ConcurrentHashMap.newKeySet();

    public Nonces(SecureRandom random, int capacity) {
        this.random = random;
        this.capacity = capacity;
    }

    /** A fresh nonce. */
    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Set<String> generation = current;
        generation.add(nonce);
        if (generation.size() > capacity) {
            rotate(generation);
        }
        return nonce;
    }

    private synchronized void rotate(Set<String> full) {
        if (current == full) {
            previous = full;
            current = ConcurrentHashMap.newKeySet();
        }
    }

    /** Whether the nonce was issued here and not used yet; it can never be used again. */
    public boolean consume(String nonce) {
        return current.remove(nonce) || previous.remove(nonce);
    }
}
