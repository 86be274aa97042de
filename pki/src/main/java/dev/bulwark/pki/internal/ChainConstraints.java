package dev.bulwark.pki.internal;

import dev.bulwark.core.ValidationException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * What the certificates of an issuing CA's chain (its own first, the root last) let it sign: the
 * name constraints of every certificate in the chain, the root's included (OpenSSL applies a trust
 * anchor's constraints too), and their path length constraints (RFC 5280 §4.2.1.9). Checked before
 * anything is signed, so a CA never signs a certificate its relying parties must reject. Every CA
 * certificate in the chain counts towards path lengths (self-issued ones too, which RFC 5280 would
 * not count): the count errs towards refusing. Not API.
 */
public final class ChainConstraints {

    private final List<X509Certificate> chain;
    private final List<NameSubtrees> names;
    private final Optional<ValidationException> unreadable;

    private ChainConstraints(List<X509Certificate> chain, List<NameSubtrees> names,
                             Optional<ValidationException> unreadable) {
        this.chain = chain;
        this.names = names;
        this.unreadable = unreadable;
    }

    /**
     * The constraints of the chain, the issuing CA's certificate first. Constraints that cannot be
     * read refuse every certificate when one is to be signed, not here: the CA still revokes and
     * signs CRLs.
     */
    public static ChainConstraints of(List<X509Certificate> chain) {
        List<NameSubtrees> names = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            try {
                NameSubtrees.of(certificate).ifPresent(names::add);
            } catch (ValidationException e) {
                return new ChainConstraints(List.copyOf(chain), List.of(), Optional.of(e));
            }
        }
        return new ChainConstraints(List.copyOf(chain), List.copyOf(names), Optional.empty());
    }

    /** Throws unless a leaf with these normalized names and this subject may be signed. */
    public void checkLeaf(List<String> normalizedNames, X500Principal subject) {
        requireReadable();
        requirePathRoom(0);
        for (NameSubtrees constraints : names) {
            for (String name : normalizedNames) {
                if (Names.looksLikeIp(name)) {
                    constraints.checkIp(Names.parseIp(name).getAddress(), name);
                } else {
                    constraints.checkDns(name);
                }
            }
            constraints.checkSubject(X500Name.getInstance(subject.getEncoded()));
        }
    }

    /**
     * Throws unless a CA certificate with this subject and path length ({@code -1}: none) may be
     * signed: every certificate in the chain must leave room for one more CA below it, and the new
     * path length must not reach past what they allow.
     */
    public void checkCa(X500Principal subject, int pathLength) {
        requireReadable();
        Room room = requirePathRoom(1);
        if (room.tightest().isPresent() && (pathLength < 0 || pathLength > room.allowed())) {
            throw new ValidationException((pathLength < 0 ? "a CA certificate without a path length" : "path length " + pathLength)
                    + " reaches past what " + room.tightest().get().getSubjectX500Principal().getName()
                    + " allows: at most " + room.allowed() + " below the new CA certificate");
        }
        for (NameSubtrees constraints : names) {
            constraints.checkSubject(X500Name.getInstance(subject.getEncoded()));
        }
    }

    private void requireReadable() {
        if (unreadable.isPresent()) {
            throw new ValidationException(unreadable.get().getMessage(), unreadable.get());
        }
    }

    /** How many CA certificates may follow a new certificate, and the chain certificate that limits it (none: no limit). */
    private record Room(long allowed, Optional<X509Certificate> tightest) {
    }

    /** Throws unless every certificate in the chain allows {@code extra} more CA certificates below the issuing CA. */
    private Room requirePathRoom(int extra) {
        Room room = new Room(Long.MAX_VALUE, Optional.empty());
        for (int k = 0; k < chain.size(); k++) {
            X509Certificate certificate = chain.get(k);
            long constraint = pathLength(certificate);
            if (constraint == Long.MAX_VALUE) {
                continue;
            }
            long left = constraint - k - extra;
            String who = certificate.getSubjectX500Principal().getName();
            if (left < 0 && k == 0 && extra == 1) {
                throw new ValidationException(who + " has path length " + constraint
                        + ": it issues leaf certificates only, not CA certificates");
            }
            if (left < 0) {
                throw new ValidationException(who + " allows " + constraint + " CA certificate(s) below it and "
                        + (k + extra) + " would follow it: relying parties would reject the new certificate");
            }
            if (left < room.allowed()) {
                room = new Room(left, Optional.of(certificate));
            }
        }
        return room;
    }

    /** The path length constraint; Long.MAX_VALUE for none, -1 for a certificate that is not a CA. */
    private static long pathLength(X509Certificate certificate) {
        int constraint = certificate.getBasicConstraints();
        return constraint == Integer.MAX_VALUE ? Long.MAX_VALUE : constraint;
    }
}
