package dev.bulwark.ssh.cert;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.internal.key.Pem;
import dev.bulwark.ssh.internal.key.PublicKeyText;
import dev.bulwark.ssh.internal.key.Signatures;
import dev.bulwark.ssh.internal.lines.Printable;
import dev.bulwark.ssh.internal.lines.TextFiles;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenSSH certificate (PROTOCOL.certkeys): a public key, signed by a CA key, with a key id,
 * serial, principals, validity window, critical options and extensions. Immutable; equal when
 * the certificate blobs are equal.
 *
 * <p>{@link #parse(String)} reads {@code *-cert.pub} lines; {@link #builder(SshKeyPair, SshPublicKey)}
 * signs new ones as {@code ssh-keygen -s} does; {@link #verify} checks one as sshd would.
 *
 * <pre>{@code
 * SshCertificate cert = SshCertificate.builder(ca, alice.publicKey())
 *         .keyId("alice@corp").principals("alice").validFor(Duration.ofHours(8)).build();
 * cert.verify(ca.publicKey(), CertificateType.USER, "alice", Instant.now()).isValid();
 * }</pre>
 */
public final class SshCertificate {

    /** The {@code valid before} value meaning "no end" on the wire. */
    static final long FOREVER = -1L;

    /** Every field of a certificate (package carrier). */
    static final class Fields {
        final String certType;
        final byte[] blob;
        final String comment;
        final byte[] nonce;
        final SshPublicKey subject;
        final long serial;
        final CertificateType type;
        final String keyId;
        final List<String> principals;
        final long validAfter;
        final long validBefore;
        final Map<String, String> critical;
        final Map<String, String> extensions;
        final SshPublicKey ca;
        final int signedLength;
        final byte[] signature;

        Fields(String certType, byte[] blob, String comment, byte[] nonce, SshPublicKey subject, long serial,
               CertificateType type, String keyId, List<String> principals, long validAfter, long validBefore,
               Map<String, String> critical, Map<String, String> extensions, SshPublicKey ca, int signedLength,
               byte[] signature) {
            this.certType = certType;
            this.blob = blob;
            this.comment = comment;
            this.nonce = nonce;
            this.subject = subject;
            this.serial = serial;
            this.type = type;
            this.keyId = keyId;
            this.principals = List.copyOf(principals);
            this.validAfter = validAfter;
            this.validBefore = validBefore;
            this.critical = critical;
            this.extensions = extensions;
            this.ca = ca;
            this.signedLength = signedLength;
            this.signature = signature;
        }
    }

    private final Fields f;

    SshCertificate(Fields fields) {
        this.f = fields;
    }

    /** Parses a one-line certificate ({@code ssh-ed25519-cert-v01@openssh.com AAAA… comment}). */
    public static SshCertificate parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses a one-line certificate; {@code source} names the text in errors. */
    public static SshCertificate parse(String text, String source) {
        PublicKeyText.Parts parts = PublicKeyText.parseLine(Objects.requireNonNull(text, "text").strip(), source, 1);
        Position at = new Position(source, 1, parts.blobColumn);
        SshCertificate cert = CertificateCodec.decode(parts.blob, parts.comment, at);
        if (!cert.f.certType.equals(parts.type)) {
            throw new ParseException(Position.of(source, 1), "type '" + parts.type
                    + "' does not match the certificate's type '" + cert.f.certType + "'");
        }
        return cert;
    }

    /** Like {@link #parse(String)}, but empty instead of throwing. */
    public static Optional<SshCertificate> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads a {@code *-cert.pub} file (at most 1 MiB).
     *
     * @throws IOException when the file cannot be read
     */
    public static SshCertificate read(Path file) throws IOException {
        return parse(TextFiles.readUtf8(file, Pem.MAX_TEXT), file.toString());
    }

    /**
     * Writes the one-line form and a newline to {@code file} (mode 0644), atomically.
     *
     * @throws IOException when writing fails
     */
    public void write(Path file) throws IOException {
        SafeFiles.writeString(file, toOpenSsh() + "\n", FileMode.PUBLIC);
    }

    /** A builder that signs a certificate for {@code subject} with {@code ca}, as {@code ssh-keygen -s}. */
    public static SshCertificateBuilder builder(SshKeyPair ca, SshPublicKey subject) {
        return new SshCertificateBuilder(ca, subject);
    }

    /** The certificate key type, e.g. {@code ssh-ed25519-cert-v01@openssh.com}. */
    public String certificateType() {
        return f.certType;
    }

    /** Whether this is a user or a host certificate. */
    public CertificateType type() {
        return f.type;
    }

    /** The certified public key (without comment). */
    public SshPublicKey publicKey() {
        return f.subject;
    }

    /** The random nonce, read-only. */
    public ByteBuffer nonce() {
        return ByteBuffer.wrap(f.nonce).asReadOnlyBuffer();
    }

    /** The serial number (an unsigned 64-bit value; use {@link Long#toUnsignedString(long)} to print it). */
    public long serial() {
        return f.serial;
    }

    /** The key id (ssh-keygen's {@code -I}). */
    public String keyId() {
        return f.keyId;
    }

    /** The principals (user or host names), in certificate order; empty means any. */
    public List<String> principals() {
        return f.principals;
    }

    /** The start of the validity window ({@link Instant#EPOCH} when it has none). */
    public Instant validAfter() {
        return toInstant(f.validAfter);
    }

    /** The end of the validity window; empty when it has none ("forever"). */
    public Optional<Instant> validBefore() {
        return f.validBefore == FOREVER ? Optional.empty() : Optional.of(toInstant(f.validBefore));
    }

    static Instant toInstant(long unsignedSeconds) {
        if (unsignedSeconds < 0 || unsignedSeconds > Instant.MAX.getEpochSecond()) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(unsignedSeconds);
    }

    /** The critical options, e.g. {@code force-command → /usr/bin/backup}; flag options map to "". */
    public Map<String, String> criticalOptions() {
        return f.critical;
    }

    /** The extensions, e.g. {@code permit-pty → ""}. */
    public Map<String, String> extensions() {
        return f.extensions;
    }

    /** The CA key that signed this certificate. */
    public SshPublicKey signatureKey() {
        return f.ca;
    }

    /** The signature algorithm, e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}. */
    public String signatureAlgorithm() {
        return Signatures.algorithmOf(f.signature);
    }

    /** The comment after the base64 (often the file name ssh-keygen signed). */
    public String comment() {
        return f.comment;
    }

    /** A read-only view of the certificate blob. */
    public ByteBuffer blob() {
        return ByteBuffer.wrap(f.blob).asReadOnlyBuffer();
    }

    /** Whether the CA signature verifies; a SHA-1 ({@code ssh-rsa}) signature never does. */
    public boolean signatureValid() {
        return CertificateChecks.signatureValid(f);
    }

    /**
     * Checks the certificate as sshd would for a login: signed by {@code trustedCa} with a valid
     * non-SHA-1 signature, of {@code expectedType}, naming {@code principal}, and valid at {@code at}.
     */
    public CertificateVerification verify(SshPublicKey trustedCa, CertificateType expectedType, String principal,
                                          Instant at) {
        return CertificateChecks.verify(this, f, trustedCa, expectedType, principal, at);
    }

    /** The one-line form {@code type base64 [comment]} as {@code ssh-keygen -s} writes to {@code -cert.pub}. */
    public String toOpenSsh() {
        String line = f.certType + " " + Base64.getEncoder().encodeToString(f.blob);
        return f.comment.isEmpty() ? line : line + " " + f.comment;
    }

    /** The fields as {@code ssh-keygen -L} lists them (after its first line), times in {@code zone}. */
    public String toListing(java.time.ZoneId zone) {
        return CertificateListing.render(this, f, zone);
    }

    /**
     * This certificate with another comment.
     *
     * @throws dev.bulwark.core.ValidationException when the comment holds a control character other than tab
     */
    public SshCertificate withComment(String comment) {
        Printable.check("comment", Objects.requireNonNull(comment, "comment"), true);
        return new SshCertificate(new Fields(f.certType, f.blob, comment, f.nonce,
                f.subject, f.serial, f.type, f.keyId, f.principals, f.validAfter, f.validBefore, f.critical,
                f.extensions, f.ca, f.signedLength, f.signature));
    }

    static byte[] signedData(Fields f) {
        return Arrays.copyOf(f.blob, f.signedLength);
    }

    static byte[] signature(Fields f) {
        return f.signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshCertificate && MessageDigest.isEqual(f.blob, ((SshCertificate) o).f.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(f.blob);
    }

    /** Type, key id, serial and principals, e.g. {@code user certificate "alice" serial 7 for [alice]}. */
    @Override
    public String toString() {
        return f.type.wireName() + " certificate \"" + f.keyId + "\" serial " + Long.toUnsignedString(f.serial)
                + " for " + f.principals + " key " + f.subject.fingerprintSha256()
                + " signed by " + f.ca.fingerprintSha256();
    }
}
