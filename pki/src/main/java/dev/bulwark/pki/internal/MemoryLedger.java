package dev.bulwark.pki.internal;

import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** A ledger in memory, for CAs without a store; thread-safe. Not API. */
public final class MemoryLedger implements Ledger {

    private final Map<BigInteger, IndexEntry> entries = new LinkedHashMap<>();
    private final Map<BigInteger, X509Certificate> certificates = new LinkedHashMap<>();
    private final List<BigInteger> compromised = new ArrayList<>();
    private BigInteger nextCrlNumber = BigInteger.ONE;

    @Override
    public synchronized X509Certificate issue(Supplier<BigInteger> serials, Function<BigInteger, X509Certificate> signer) {
        BigInteger serial = serials.get();
        while (entries.containsKey(serial)) {
            serial = serials.get();
        }
        X509Certificate certificate = signer.apply(serial);
        entries.put(serial, Ledgers.entryOf(certificate));
        certificates.put(serial, certificate);
        return certificate;
    }

    @Override
    public synchronized IndexEntry revoke(BigInteger serial, RevocationReason reason, Instant when) {
        IndexEntry revoked = Ledgers.revoke(entries.get(serial), serial, reason, when);
        entries.put(serial, revoked);
        if (reason == RevocationReason.KEY_COMPROMISE) {
            compromised.add(serial);
        }
        return revoked;
    }

    @Override
    public synchronized X509CRL crl(BiFunction<BigInteger, List<IndexEntry>, X509CRL> signer) {
        X509CRL crl = signer.apply(nextCrlNumber, Ledgers.revoked(entries.values()));
        nextCrlNumber = nextCrlNumber.add(BigInteger.ONE);
        return crl;
    }

    @Override
    public synchronized List<IndexEntry> compromised() {
        return compromised.stream().map(entries::get).collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    @Override
    public synchronized List<IndexEntry> entries() {
        return List.copyOf(new ArrayList<>(entries.values()));
    }

    @Override
    public synchronized Optional<IndexEntry> entry(BigInteger serial) {
        return Optional.ofNullable(entries.get(serial));
    }

    @Override
    public synchronized Optional<X509Certificate> certificate(BigInteger serial) {
        return Optional.ofNullable(certificates.get(serial));
    }

}
