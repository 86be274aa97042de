package dev.bulwark.pki.internal;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.RevocationReason;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/** Rules every ledger shares. Not API. */
final class Ledgers {

    private Ledgers() {
    }

    static IndexEntry entryOf(X509Certificate certificate) {
        return IndexEntry.valid(certificate.getSerialNumber(), certificate.getNotAfter().toInstant(),
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
    }

    static IndexEntry revoke(IndexEntry entry, BigInteger serial, RevocationReason reason, Instant when) {
        String hex = Serials.hex(serial);
        if (entry == null) {
            throw new ValidationException("serial " + hex + " was not issued by this CA");
        }
        if (entry.isRevoked()) {
            throw new ValidationException("serial " + hex + " is already revoked ("
                    + entry.reason().orElseThrow().wireName() + " at " + entry.revokedAt().orElseThrow() + ")");
        }
        return entry.revoked(when, reason);
    }

    static List<IndexEntry> revoked(Collection<IndexEntry> entries) {
        return entries.stream().filter(IndexEntry::isRevoked).collect(Collectors.toUnmodifiableList());
    }
}
