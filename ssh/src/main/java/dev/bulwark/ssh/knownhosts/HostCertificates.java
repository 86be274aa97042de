package dev.bulwark.ssh.knownhosts;

import dev.bulwark.ssh.cert.CertificateType;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Host certificate checks as OpenSSH's ssh(1) makes them (sshconnect.c {@code check_host_key} and
 * {@code check_host_cert}, sshkey.c {@code sshkey_cert_check_authority} with a host wanted, no
 * principal required and no wildcards), and the key comparisons behind {@code @revoked}
 * (hostfile.c {@code check_key_not_revoked}: a revoked key revokes its certificates, and a
 * revoked CA every certificate it signed).
 */
final class HostCertificates {

    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";
    private static final int LISTED_PRINCIPALS = 8;

    private HostCertificates() {
    }

    /** The certificate a key of a {@code *-cert-v01@openssh.com} type holds; empty for plain keys. */
    static Optional<SshCertificate> asCertificate(SshPublicKey key) {
        if (!key.type().endsWith(CERT_SUFFIX)) {
            return Optional.empty();
        }
        return SshCertificate.tryParse(key.type() + " " + Base64.getEncoder().encodeToString(key.blobBytes()));
    }

    /** The key itself, or for a certificate the key it certifies (OpenSSH's {@code sshkey_equal_public}). */
    static SshPublicKey plain(SshPublicKey key) {
        return asCertificate(key).map(SshCertificate::publicKey).orElse(key);
    }

    /** Whether a {@code @revoked} line's key revokes {@code key}: the same public key, certificate or not. */
    static boolean revokes(SshPublicKey revoked, SshPublicKey key) {
        return plain(revoked).equals(plain(key));
    }

    /**
     * Why {@code certificate} does not authenticate {@code host} under the CA lines in
     * {@code entries} (the lines that apply to the host): empty when it does. {@code @revoked} is
     * not checked here.
     */
    static List<String> problems(List<HostKeyEntry> entries, String host, int port, SshCertificate certificate,
                                 Instant at) {
        List<String> problems = new ArrayList<>();
        SshPublicKey ca = certificate.signatureKey();
        if (authority(entries, certificate).isEmpty()) {
            List<String> trusted = new ArrayList<>();
            for (HostKeyEntry e : entries) {
                if (e.marker().equals(Optional.of(Marker.CERT_AUTHORITY))) {
                    trusted.add(e.key().fingerprintSha256());
                }
            }
            problems.add("its CA " + ca.type() + " " + ca.fingerprintSha256() + " is not trusted for "
                    + HostPattern.hostKey(host, port) + (trusted.isEmpty() ? " (no @cert-authority line applies)"
                    : " (@cert-authority lines for it list " + String.join(", ", trusted) + ")"));
        }
        if (certificate.signatureAlgorithm().equals("ssh-rsa")) {
            problems.add("it is signed with ssh-rsa (SHA-1), which OpenSSH no longer accepts");
        } else if (!certificate.signatureValid()) {
            problems.add("its CA signature does not verify");
        }
        if (certificate.type() != CertificateType.HOST) {
            problems.add("it is a " + certificate.type().wireName() + " certificate, not a host certificate");
        }
        String name = host.toLowerCase(Locale.ROOT);
        List<String> principals = certificate.principals();
        if (!principals.isEmpty() && !principals.contains(name)) {
            List<String> shown = principals.subList(0, Math.min(LISTED_PRINCIPALS, principals.size()));
            problems.add("'" + HostPattern.printable(name) + "' is not one of its principals " + shown
                    + (principals.size() > shown.size() ? " (and " + (principals.size() - shown.size()) + " more)" : ""));
        }
        long now = at.getEpochSecond();
        if (now < certificate.validAfter().getEpochSecond()) {
            problems.add("it is not valid before " + certificate.validAfter() + " (checked at " + at + ")");
        }
        Optional<Instant> before = certificate.validBefore();
        if (before.isPresent() && now >= before.get().getEpochSecond()) {
            problems.add("it expired at " + before.get() + " (checked at " + at + ")");
        }
        if (!certificate.criticalOptions().isEmpty()) {
            problems.add("it holds critical options " + certificate.criticalOptions().keySet()
                    + ", which OpenSSH refuses in host certificates");
        }
        return problems;
    }

    /** The first {@code @cert-authority} line among {@code entries} whose key signed the certificate. */
    static Optional<HostKeyEntry> authority(List<HostKeyEntry> entries, SshCertificate certificate) {
        for (HostKeyEntry e : entries) {
            if (e.marker().equals(Optional.of(Marker.CERT_AUTHORITY)) && plain(e.key()).equals(certificate.signatureKey())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The first {@code @revoked} line among {@code entries} that revokes {@code key} (or its certified key). */
    static Optional<HostKeyEntry> revocation(List<HostKeyEntry> entries, SshPublicKey key) {
        for (HostKeyEntry entry : entries) {
            if (entry.marker().equals(Optional.of(Marker.REVOKED)) && revokes(entry.key(), key)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
