package dev.bulwark.ssh.cert;

import java.util.List;

/**
 * The outcome of {@link SshCertificate#verify}: valid when there are no problems.
 *
 * @param problems why the certificate is not acceptable, in check order; empty when it is
 */
public record CertificateVerification(List<String> problems) {

    /** Copies the problems. */
    public CertificateVerification {
        problems = List.copyOf(problems);
    }

    /** Whether the certificate passed every check. */
    public boolean isValid() {
        return problems.isEmpty();
    }
}
