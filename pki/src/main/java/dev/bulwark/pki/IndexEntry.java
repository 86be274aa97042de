package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.Serials;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate a CA issued, as its index records it: serial, end of validity, subject and,
 * once revoked, when and why.
 *
 * @param serial     the certificate's serial number (positive)
 * @param notAfter   the end of its validity
 * @param subject    its subject name in RFC 2253 form
 * @param revokedAt  when it was revoked, if it was
 * @param reason     why it was revoked, if it was
 */
public record IndexEntry(BigInteger serial, Instant notAfter, String subject,
                         Optional<Instant> revokedAt, Optional<RevocationReason> reason) {

    /** Validates the components: positive serial, revocation time and reason both present or both absent. */
    public IndexEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
        if (serial.signum() <= 0) {
            throw new ValidationException("serial " + serial + " is not positive");
        }
        if (revokedAt.isPresent() != reason.isPresent()) {
            throw new ValidationException("revokedAt and reason must both be present or both absent");
        }
    }

    /** An entry for a certificate that is not revoked. */
    public static IndexEntry valid(BigInteger serial, Instant notAfter, String subject) {
        return new IndexEntry(serial, notAfter, subject, Optional.empty(), Optional.empty());
    }

    /** Whether the certificate was revoked. */
    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    /** A copy marked revoked. */
    public IndexEntry revoked(Instant when, RevocationReason why) {
        return new IndexEntry(serial, notAfter, subject, Optional.of(when), Optional.of(why));
    }

    /**
     * The serial number in upper-case hexadecimal with an even number of digits, the one spelling
     * used everywhere: in {@code index.txt}, in {@code certs/SERIAL.pem}, in messages, and by
     * {@code openssl ca} and {@code openssl x509 -serial}.
     */
    public String serialHex() {
        return Serials.hex(serial);
    }
}
