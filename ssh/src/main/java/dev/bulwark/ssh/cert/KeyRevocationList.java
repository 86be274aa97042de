package dev.bulwark.ssh.cert;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.internal.key.Fingerprints;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenSSH key revocation list (PROTOCOL.krl), as {@code ssh-keygen -k} writes and sshd's
 * {@code RevokedKeys} reads: plain keys revoked explicitly or by SHA-1/SHA-256 fingerprint, and
 * certificates revoked by serial number, serial range or key id, per CA. Immutable; signatures
 * on KRLs (which OpenSSH does not check either) are neither written nor verified.
 *
 * <pre>{@code
 * KeyRevocationList krl = KeyRevocationList.builder().comment("lost laptop")
 *         .revokeKey(stolenKey).revokeSerials(ca.publicKey(), 1000, 1999).build();
 * krl.write(Path.of("/etc/ssh/revoked_keys"));
 * krl.isRevoked(cert);   // true for a certificate of that CA with serial 1500
 * }</pre>
 */
public final class KeyRevocationList {

    /** The revocations for certificates of one CA (or of any CA when {@link #ca()} is empty). */
    public static final class CaRevocations {
        private final SshPublicKey ca;
        private final List<long[]> serialRanges;
        private final Set<String> keyIds;

        CaRevocations(SshPublicKey ca, List<long[]> serialRanges, Set<String> keyIds) {
            this.ca = ca;
            this.serialRanges = serialRanges;
            this.keyIds = keyIds;
        }

        /** The CA; empty for revocations that apply to certificates of any CA. */
        public Optional<SshPublicKey> ca() {
            return Optional.ofNullable(ca);
        }

        /** Whether the serial (unsigned) is revoked. */
        public boolean revokesSerial(long serial) {
            for (long[] r : serialRanges) {
                if (Long.compareUnsigned(serial, r[0]) >= 0 && Long.compareUnsigned(serial, r[1]) <= 0) {
                    return true;
                }
            }
            return false;
        }

        /** The revoked key ids. */
        public Set<String> keyIds() {
            return keyIds;
        }

        List<long[]> ranges() {
            return serialRanges;
        }
    }

    private final long version;
    private final Instant generated;
    private final String comment;
    private final Set<SshPublicKey> keys;
    private final Set<ByteBuffer> sha1;
    private final Set<ByteBuffer> sha256;
    private final List<CaRevocations> certificates;

    KeyRevocationList(long version, Instant generated, String comment, Set<SshPublicKey> keys, Set<ByteBuffer> sha1,
                      Set<ByteBuffer> sha256, List<CaRevocations> certificates) {
        this.version = version;
        this.generated = generated;
        this.comment = comment;
        this.keys = Collections.unmodifiableSet(keys);
        this.sha1 = Collections.unmodifiableSet(sha1);
        this.sha256 = Collections.unmodifiableSet(sha256);
        this.certificates = List.copyOf(certificates);
    }

    /** A builder for a new KRL. */
    public static KeyRevocationListBuilder builder() {
        return new KeyRevocationListBuilder();
    }

    /**
     * Parses the binary KRL format (at most 16 MiB, as {@link #read(Path)}); {@code source} names it
     * in errors (positions are line 1, column = byte offset + 1).
     */
    public static KeyRevocationList parse(ByteBuffer data, String source) {
        if (data.remaining() > KrlCodec.MAX_SIZE) {
            throw new ParseException(Position.of(source, 1), "key revocation list is larger than " + KrlCodec.MAX_SIZE
                    + " bytes");
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return KrlCodec.decode(bytes, source);
    }

    /**
     * Reads a KRL file (at most 16 MiB).
     *
     * @throws IOException when the file cannot be read
     */
    public static KeyRevocationList read(Path file) throws IOException {
        if (Files.size(file) > KrlCodec.MAX_SIZE) {
            throw new ParseException(Position.of(file.toString(), 1), "file is larger than " + KrlCodec.MAX_SIZE
                    + " bytes");
        }
        return KrlCodec.decode(Files.readAllBytes(file), file.toString());
    }

    /**
     * Writes the binary KRL to {@code file} (mode 0644), atomically.
     *
     * @throws IOException when writing fails
     */
    public void write(Path file) throws IOException {
        SafeFiles.write(file, KrlCodec.encode(this), FileMode.PUBLIC);
    }

    /** The binary KRL, read-only. */
    public ByteBuffer toBytes() {
        return ByteBuffer.wrap(KrlCodec.encode(this)).asReadOnlyBuffer();
    }

    /** Whether a plain key is revoked (explicitly or by fingerprint). */
    public boolean isRevoked(SshPublicKey key) {
        byte[] blob = key.blobBytes();
        return keys.contains(key)
                || sha1.contains(ByteBuffer.wrap(Fingerprints.digest("SHA-1", blob)))
                || sha256.contains(ByteBuffer.wrap(Fingerprints.digest("SHA-256", blob)));
    }

    /** Whether a certificate is revoked: its key is revoked, or its serial or key id is for its CA. */
    public boolean isRevoked(SshCertificate cert) {
        if (isRevoked(cert.publicKey()) || isRevoked(cert.signatureKey())) {
            return true;
        }
        for (CaRevocations r : certificates) {
            if (r.ca == null || r.ca.equals(cert.signatureKey())) {
                if (cert.serial() != 0 && r.revokesSerial(cert.serial()) || r.keyIds.contains(cert.keyId())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The KRL version number (ssh-keygen sets it to the creation time by default). */
    public long version() {
        return version;
    }

    /** When the KRL was generated. */
    public Instant generated() {
        return generated;
    }

    /** The comment. */
    public String comment() {
        return comment;
    }

    /** The explicitly revoked keys. */
    public Set<SshPublicKey> revokedKeys() {
        return keys;
    }

    /** The certificate revocations, per CA. */
    public List<CaRevocations> certificateRevocations() {
        return certificates;
    }

    Set<ByteBuffer> sha1() {
        return sha1;
    }

    Set<ByteBuffer> sha256() {
        return sha256;
    }

    /** Counts of what is revoked. */
    @Override
    public String toString() {
        return "KeyRevocationList[version " + Long.toUnsignedString(version) + ", " + keys.size() + " keys, "
                + (sha1.size() + sha256.size()) + " fingerprints, " + certificates.size() + " CA sections]";
    }
}
