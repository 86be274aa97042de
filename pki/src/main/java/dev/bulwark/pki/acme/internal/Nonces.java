package dev.bulwark.pki.acme.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-replay nonces (RFC 8555 §6.5), each accepted once, by the server instance that issued it only.
 *
 * <p>A nonce is {@code EPOCH || AES-128(key, COUNTER || 0)}, base64url: EPOCH is this instance's
 * number, drawn from the store at start ({@link AcmeStore#nextNonceEpoch()}, one more at every start
 * of every process), COUNTER counts this instance's nonces and the key is random per instance. So a
 * value never repeats — not within an instance (AES is a permutation of distinct counters), not
 * across restarts or processes (the epochs differ) — and cannot be predicted without the key. A
 * nonce with another epoch (another process, or before a restart) is refused with {@code badNonce};
 * the client retries with the fresh nonce every response carries.
 *
 * <p>The outstanding nonces are held in memory, bounded: two generations of at most
 * {@code capacity} each; when the current generation is full the older one is dropped, so an unused
 * nonce stops working after between {@code capacity} and {@code 2 * capacity} newer ones. Only the
 * epoch is durable, and it is all that is needed: nothing an instance accepts can have been
 * accepted by another. Not API.
 */
public final class Nonces {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final int capacity;
    private final long epoch;
    private final AtomicLong counter = new AtomicLong();
    private final ThreadLocal<Cipher> cipher;
    private volatile Set<String> current = ConcurrentHashMap.newKeySet();
    private volatile Set<String> previous = ConcurrentHashMap.newKeySet();

    /**
     * @param random   draws the instance's key
     * @param capacity the size of one generation of outstanding nonces
     * @param epoch    this instance's number, different from every other instance's on the store
     */
    public Nonces(SecureRandom random, int capacity, long epoch) {
        this.capacity = capacity;
        this.epoch = epoch;
        byte[] keyBytes = new byte[16];
        random.nextBytes(keyBytes);
        SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
        this.cipher = ThreadLocal.withInitial(() -> {
            try {
                Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key);
                return c;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is missing from the JDK", e);
            }
        });
    }

    /** A fresh nonce, never issued before by any instance on the store. */
    public String next() {
        byte[] block = ByteBuffer.allocate(16).putLong(counter.getAndIncrement()).putLong(0).array();
        byte[] sealed;
        try {
            sealed = cipher.get().doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed on one block", e);
        }
        String nonce = ENCODER.encodeToString(ByteBuffer.allocate(24).putLong(epoch).put(sealed).array());
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

    /** Whether a (refused) nonce carries another instance's epoch: another process, or this store before a restart. */
    public boolean fromAnotherInstance(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return raw.length == 24 && ByteBuffer.wrap(raw).getLong() != epoch;
    }

    /** This instance's epoch. */
    public long epoch() {
        return epoch;
    }
}
