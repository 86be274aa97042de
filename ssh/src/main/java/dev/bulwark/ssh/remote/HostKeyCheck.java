package dev.bulwark.ssh.remote;

import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.ssh.knownhosts.HostKeyEntry;
import dev.bulwark.ssh.knownhosts.HostKeyStatus;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/** The sshj host key verifier for a {@link HostKeyPolicy}; remembers why it refused or what it accepted. Not API. */
final class HostKeyCheck implements HostKeyVerifier {

    private final HostKeyPolicy policy;
    private volatile HostKeyRejectedException rejection;
    private volatile SshPublicKey presented;
    private volatile boolean firstUse;

    HostKeyCheck(HostKeyPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        SshPublicKey ssh = SshPublicKey.ofBlob(ByteBuffer.wrap(new Buffer.PlainBuffer().putPublicKey(key).getCompactData()), "");
        presented = ssh;
        if (policy instanceof HostKeyPolicy.Pinned) {
            String pin = ((HostKeyPolicy.Pinned) policy).sha256Fingerprint();
            if (ssh.fingerprintSha256().equals(pin)) {
                return true;
            }
            return refuse(hostname, port, HostKeyRejectedException.Reason.CHANGED, ssh, "the pinned key is " + pin);
        }
        HostKeyPolicy.KnownHostsPolicy known = (HostKeyPolicy.KnownHostsPolicy) policy;
        HostKeyStatus status = known.knownHosts().verify(hostname, port, ssh);
        if (status instanceof HostKeyStatus.Match) {
            return true;
        }
        if (status instanceof HostKeyStatus.Revoked) {
            return refuse(hostname, port, HostKeyRejectedException.Reason.REVOKED, ssh,
                    "known_hosts revokes it (" + ((HostKeyStatus.Revoked) status).revocation().hosts().render() + ")");
        }
        if (status instanceof HostKeyStatus.Mismatch) {
            List<String> fps = new ArrayList<>();
            for (HostKeyEntry e : ((HostKeyStatus.Mismatch) status).known()) {
                fps.add(e.key().type() + " " + e.key().fingerprintSha256());
            }
            return refuse(hostname, port, HostKeyRejectedException.Reason.CHANGED, ssh,
                    "known_hosts lists " + String.join(", ", fps) + " for it");
        }
        if (known.trustFirstUse()) {
            firstUse = true;
            return true;
        }
        return refuse(hostname, port, HostKeyRejectedException.Reason.UNKNOWN, ssh,
                "known_hosts does not list the host (verify the fingerprint out of band, then add it)");
    }

    private boolean refuse(String host, int port, HostKeyRejectedException.Reason reason, SshPublicKey key, String detail) {
        rejection = new HostKeyRejectedException(host, port, reason, key, detail);
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        if (!(policy instanceof HostKeyPolicy.KnownHostsPolicy)) {
            return List.of();
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (HostKeyEntry e : ((HostKeyPolicy.KnownHostsPolicy) policy).knownHosts().entriesFor(hostname, port)) {
            if (e.marker().isEmpty()) {
                types.addAll(ModernAlgorithms.signaturesFor(e.key().type()));
            }
        }
        return List.copyOf(types);
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
