package dev.bulwark.ssh.remote;

import com.hierynomus.sshj.userauth.certificate.Certificate;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.ssh.knownhosts.HostKeyEntry;
import dev.bulwark.ssh.knownhosts.HostKeyStatus;
import dev.bulwark.ssh.knownhosts.Marker;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/** The sshj host key verifier for a {@link HostKeyPolicy}; remembers why it refused or what it accepted. Not API. */
final class HostKeyCheck implements HostKeyVerifier {

    private final HostKeyPolicy policy;
    private final Clock clock;
    private volatile HostKeyRejectedException rejection;
    private volatile SshPublicKey presented;
    private volatile boolean firstUse;

    HostKeyCheck(HostKeyPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        SshPublicKey offered = SshPublicKey.ofBlob(ByteBuffer.wrap(new Buffer.PlainBuffer().putPublicKey(key).getCompactData()), "");
        presented = offered;
        SshCertificate certificate = null;
        if (key instanceof Certificate<?>) {
            Optional<SshCertificate> parsed = SshCertificate.tryParse(offered.type() + " "
                    + Base64.getEncoder().encodeToString(offered.blobBytes()));
            SshPublicKey signing = SshPublicKey.ofBlob(ByteBuffer.wrap(new Buffer.PlainBuffer()
                    .putPublicKey(((Certificate<?>) key).getKey()).getCompactData()), "");
            if (parsed.isEmpty() || !parsed.get().publicKey().equals(signing)) {
                return refuse(hostname, port, HostKeyRejectedException.Reason.UNKNOWN, offered,
                        "the server's host certificate cannot be read");
            }
            certificate = parsed.get();
            presented = certificate.publicKey();
        }
        SshPublicKey ssh = presented;
        if (policy instanceof HostKeyPolicy.Pinned) {
            String pin = ((HostKeyPolicy.Pinned) policy).sha256Fingerprint();
            if (ssh.fingerprintSha256().equals(pin)) {
                return true;
            }
            return refuse(hostname, port, HostKeyRejectedException.Reason.CHANGED, ssh, "the pinned key is " + pin);
        }
        HostKeyPolicy.KnownHostsPolicy known = (HostKeyPolicy.KnownHostsPolicy) policy;
        Instant now = clock.instant();
        HostKeyStatus status = certificate == null ? known.knownHosts().verify(hostname, port, ssh)
                : known.knownHosts().verify(hostname, port, certificate, now);
        if (status.trusted()) {
            return true;
        }
        String certificateNote = certificate == null ? "" : "; its host certificate is not trusted: "
                + String.join("; ", known.knownHosts().certificateProblems(hostname, port, certificate, now));
        if (status instanceof HostKeyStatus.Revoked) {
            HostKeyEntry revocation = ((HostKeyStatus.Revoked) status).revocation();
            boolean ca = certificate != null && revocation.key().equals(certificate.signatureKey());
            return refuse(hostname, port, HostKeyRejectedException.Reason.REVOKED, ssh, "known_hosts revokes "
                    + (ca ? "the CA that signed its host certificate" : "it") + " (" + revocation.hosts().render() + ")");
        }
        if (status instanceof HostKeyStatus.Mismatch) {
            List<String> fps = new ArrayList<>();
            for (HostKeyEntry e : ((HostKeyStatus.Mismatch) status).known()) {
                fps.add(e.key().type() + " " + e.key().fingerprintSha256());
            }
            return refuse(hostname, port, HostKeyRejectedException.Reason.CHANGED, ssh,
                    "known_hosts lists " + String.join(", ", fps) + " for it" + certificateNote);
        }
        if (known.trustFirstUse()) {
            firstUse = true;
            return true;
        }
        return refuse(hostname, port, HostKeyRejectedException.Reason.UNKNOWN, ssh,
                "known_hosts does not list the host (verify the fingerprint out of band, then add it)" + certificateNote);
    }

    private boolean refuse(String host, int port, HostKeyRejectedException.Reason reason, SshPublicKey key, String detail) {
        rejection = new HostKeyRejectedException(host, port, reason, key, detail);
        return false;
    }

    /**
     * The host key algorithms to prefer, as OpenSSH's {@code order_hostkeyalgs} orders them: the
     * whole list as it is when a plain key of the first algorithm's type is known (empty, which
     * sshj takes as "no preference"); otherwise every certificate algorithm when a
     * {@code @cert-authority} line applies, and the algorithms of the known keys' types (sshj
     * offers the rest after these).
     */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        if (!(policy instanceof HostKeyPolicy.KnownHostsPolicy)) {
            return List.of();
        }
        Set<String> knownTypes = new HashSet<>();
        boolean authority = false;
        for (HostKeyEntry e : ((HostKeyPolicy.KnownHostsPolicy) policy).knownHosts().entriesFor(hostname, port)) {
            if (e.marker().isEmpty()) {
                knownTypes.add(e.key().type());
            }
            authority |= e.marker().equals(Optional.of(Marker.CERT_AUTHORITY));
        }
        List<String> all = ModernAlgorithms.SIGNATURES;
        if (knownTypes.contains(ModernAlgorithms.keyTypeOf(all.get(0)))) {
            return List.of();
        }
        List<String> first = new ArrayList<>();
        for (String algorithm : all) {
            if ((authority && ModernAlgorithms.isCertificate(algorithm))
                    || knownTypes.contains(ModernAlgorithms.keyTypeOf(algorithm))) {
                first.add(algorithm);
            }
        }
        return List.copyOf(first);
    }

    /** Why the last key was refused, if it was. */
    Optional<HostKeyRejectedException> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** The key accepted on first use, if trust-on-first-use accepted one. */
    Optional<SshPublicKey> acceptedOnFirstUse() {
        return firstUse ? Optional.ofNullable(presented) : Optional.empty();
    }

    /** The key the server presented. */
    Optional<SshPublicKey> presented() {
        return Optional.ofNullable(presented);
    }
}
