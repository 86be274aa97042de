package dev.bulwark.pki.internal;

import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a CA records what it issued and revoked, and its CRL numbers: in memory, or in a durable
 * store under a file lock. Every method is atomic with respect to other issuers. Not API.
 */
public interface Ledger {

    /**
     * Draws serials from {@code serials} until one was never used, signs with it and records the
     * certificate.
     */
    X509Certificate issue(Supplier<BigInteger> serials, Function<BigInteger, X509Certificate> signer);

    /** Marks the serial revoked; refuses unknown and already revoked serials. */
    IndexEntry revoke(BigInteger serial, RevocationReason reason, Instant when);

    /** Takes the next CRL number and signs a CRL over the revoked entries with it. */
    X509CRL crl(BiFunction<BigInteger, List<IndexEntry>, X509CRL> signer);

    /** The entries revoked for keyCompromise, whose keys are never certified again. */
    List<IndexEntry> compromised();

    /** Every issued certificate's entry, in issue order. */
    List<IndexEntry> entries();

    /** The entry of the certificate with this serial, if this CA issued it; without a scan of {@link #entries()}. */
    Optional<IndexEntry> entry(BigInteger serial);

    /** The certificate with this serial, if this CA issued it. */
    Optional<X509Certificate> certificate(BigInteger serial);
}
