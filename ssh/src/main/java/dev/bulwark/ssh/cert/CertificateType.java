package dev.bulwark.ssh.cert;

import java.util.Optional;

/** Whether a certificate authenticates a user or a host, with the wire codes of PROTOCOL.certkeys. */
public enum CertificateType {
    /** A user certificate (wire code 1), trusted by sshd through {@code TrustedUserCAKeys}. */
    USER(1, "user"),
    /** A host certificate (wire code 2), trusted by clients through {@code @cert-authority} in known_hosts. */
    HOST(2, "host");

    private final int code;
    private final String wireName;

    CertificateType(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The wire code (1 or 2). */
    public int code() {
        return code;
    }

    /** The word ssh-keygen uses: {@code user} or {@code host}. */
    public String wireName() {
        return wireName;
    }

    static Optional<CertificateType> ofCode(long code) {
        for (CertificateType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
