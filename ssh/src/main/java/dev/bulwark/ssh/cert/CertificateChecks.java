package dev.bulwark.ssh.cert;

import dev.bulwark.ssh.internal.key.Signatures;
import dev.bulwark.ssh.key.SshPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The checks behind {@link SshCertificate#verify} (sshd's sshkey_cert_check_authority). */
final class CertificateChecks {

    private CertificateChecks() {
    }

    static boolean signatureValid(SshCertificate.Fields f) {
        return f.ca.toPublicKey().isPresent()
                && Signatures.verify(f.ca.keyType(), f.ca.toPublicKey().get(), SshCertificate.signedData(f),
                SshCertificate.signature(f));
    }

    static CertificateVerification verify(SshCertificate cert, SshCertificate.Fields f, SshPublicKey trustedCa,
                                          CertificateType expectedType, String principal, Instant at) {
        Objects.requireNonNull(trustedCa, "trustedCa");
        Objects.requireNonNull(expectedType, "expectedType");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(at, "at");
        List<String> problems = new ArrayList<>();
        if (!f.ca.equals(trustedCa)) {
            problems.add("signed by " + f.ca.fingerprintSha256() + ", not by the trusted CA " + trustedCa.fingerprintSha256());
        }
        String algorithm = cert.signatureAlgorithm();
        if (algorithm.equals("ssh-rsa")) {
            problems.add("signed with ssh-rsa (SHA-1), which OpenSSH no longer accepts; re-sign with rsa-sha2-512");
        } else if (!signatureValid(f)) {
            problems.add("the CA signature does not verify");
        }
        if (f.type != expectedType) {
            problems.add("a " + f.type.wireName() + " certificate, not a " + expectedType.wireName() + " certificate");
        }
        if (f.principals.isEmpty()) {
            problems.add("the certificate names no principals");
        } else if (!f.principals.contains(principal)) {
            problems.add("principal '" + principal + "' is not in the certificate's principals " + f.principals);
        }
        long now = at.getEpochSecond();
        if (Long.compareUnsigned(now, f.validAfter) < 0) {
            problems.add("not valid before " + cert.validAfter() + " (checked at " + at + ")");
        }
        if (Long.compareUnsigned(now, f.validBefore) >= 0) {
            problems.add("expired at " + SshCertificate.toInstant(f.validBefore) + " (checked at " + at + ")");
        }
        return new CertificateVerification(problems);
    }
}
