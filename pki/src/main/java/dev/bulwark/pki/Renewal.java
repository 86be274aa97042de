package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.Ledger;
import dev.bulwark.pki.internal.Names;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads back what a leaf certificate was issued for, so it can be re-issued alike, and which certificates are due. */
final class Renewal {

    private Renewal() {
    }

    /**
     * The entries due for renewal at {@code limit}: not revoked, ending by then, and not superseded
     * by a later leaf (not revoked, same names and profile, ending later).
     */
    static List<IndexEntry> due(Ledger ledger, Instant limit) {
        List<IndexEntry> entries = ledger.entries();
        Map<String, List<IndexEntry>> bySubject = new HashMap<>();
        for (IndexEntry entry : entries) {
            if (!entry.isRevoked()) {
                bySubject.computeIfAbsent(entry.subject(), s -> new ArrayList<>()).add(entry);
            }
        }
        List<IndexEntry> due = new ArrayList<>();
        for (IndexEntry entry : entries) {
            if (!entry.isRevoked() && !entry.notAfter().isAfter(limit)
                    && bySubject.get(entry.subject()).stream().noneMatch(later -> supersedes(ledger, later, entry))) {
                due.add(entry);
            }
        }
        return List.copyOf(due);
    }

    private static boolean supersedes(Ledger ledger, IndexEntry newer, IndexEntry older) {
        if (!newer.notAfter().isAfter(older.notAfter())) {
            return false;
        }
        Optional<X509Certificate> a = ledger.certificate(newer.serial());
        Optional<X509Certificate> b = ledger.certificate(older.serial());
        if (a.isEmpty() || b.isEmpty() || a.get().getBasicConstraints() >= 0 || b.get().getBasicConstraints() >= 0) {
            return false; // unknown or a CA certificate: listed, never silently dropped
        }
        return Set.copyOf(namesOf(a.get())).equals(Set.copyOf(namesOf(b.get())))
                && profileOf(a.get()).equals(profileOf(b.get()));
    }

    static LeafProfile profileOf(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages == null) {
                throw new ValidationException("certificate has no extended key usage; only leaf certificates are renewed");
            }
            return LeafProfile.of(usages.contains("1.3.6.1.5.5.7.3.1"), usages.contains("1.3.6.1.5.5.7.3.2"));
        } catch (CertificateParsingException e) {
            throw new ValidationException("certificate's extended key usage is malformed", e);
        }
    }

    static List<String> namesOf(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            List<String> names = new ArrayList<>();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        names.add((String) entry.get(1));
                    } else if (type == 7) {
                        names.add(Names.ipToString(InetAddress.getByName((String) entry.get(1)).getAddress()));
                    }
                }
            }
            if (names.isEmpty()) {
                throw new ValidationException("certificate has no DNS or IP subjectAltName to renew");
            }
            return names;
        } catch (CertificateParsingException | java.net.UnknownHostException e) {
            throw new ValidationException("certificate's subjectAltName is malformed", e);
        }
    }
}
