package dev.bulwark.pki.internal;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.bouncycastle.operator.ContentSigner;

/**
 * Initialized signers of one CA key, reused: initializing a BouncyCastle EC signer from a key
 * rebuilds the curve's generator point and so throws away the precomputed multiples that make
 * fixed-base multiplication fast; a signer kept initialized signs several times faster. A signer is
 * used by one thread at a time and is dropped if signing with it fails. Not API.
 */
public final class SignerPool {

    private final String algorithm;
    private final PrivateKey key;
    private final SecureRandom random;
    private final ConcurrentLinkedQueue<ContentSigner> idle = new ConcurrentLinkedQueue<>();

    public SignerPool(String algorithm, PrivateKey key, SecureRandom random) {
        this.algorithm = algorithm;
        this.key = key;
        this.random = random;
    }

    /** Runs the action with a signer of this pool's key. */
    public <T> T sign(Function<ContentSigner, T> action) {
        ContentSigner signer = idle.poll();
        if (signer == null) {
            signer = Signing.signer(algorithm, key, random);
        }
        T result = action.apply(signer);
        idle.offer(signer);
        return result;
    }

    @Override
    public String toString() {
        return "SignerPool[" + algorithm + ", key [redacted]]";
    }
}
