package dev.bulwark.ssh.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.internal.key.Fingerprints;
import dev.bulwark.ssh.internal.key.Pem;
import dev.bulwark.ssh.internal.key.PublicKeyCodec;
import dev.bulwark.ssh.internal.key.PublicKeyFormats;
import dev.bulwark.ssh.internal.key.PublicKeyText;
import dev.bulwark.ssh.internal.lines.Printable;
import dev.bulwark.ssh.internal.lines.TextFiles;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An SSH public key: its wire type, its key blob and a comment. Immutable; two keys are equal when
 * their blobs are equal (the comment does not count).
 *
 * <p>Reads the OpenSSH one-line form ({@code ssh-ed25519 AAAA… alice@laptop}), RFC 4716
 * ({@code ---- BEGIN SSH2 PUBLIC KEY ----}, as {@code ssh-keygen -e} writes it) and PEM
 * ({@code BEGIN PUBLIC KEY} SubjectPublicKeyInfo, {@code BEGIN RSA PUBLIC KEY}). Key types Bulwark
 * does not handle ({@code sk-*} FIDO keys, post-quantum hybrids, …) are {@link KeyAlgorithm#OPAQUE}:
 * kept byte for byte and fingerprinted, but {@link #toPublicKey()} is empty for them.
 *
 * <pre>{@code
 * SshPublicKey key = SshPublicKey.parse("ssh-ed25519 AAAAC3Nza… alice@laptop");
 * key.fingerprintSha256();   // "SHA256:…" exactly as ssh-keygen -l prints it
 * }</pre>
 */
public final class SshPublicKey {

    /** The largest key blob accepted (an RSA 16384-bit key is about 2 KiB). */
    public static final int MAX_BLOB = 16 * 1024;

    private final String type;
    private final KeyAlgorithm algorithm;
    private final byte[] blob;
    private final String comment;
    private final PublicKey jdkKey;

    private SshPublicKey(String type, KeyAlgorithm algorithm, byte[] blob, String comment, PublicKey jdkKey) {
        this.type = type;
        this.algorithm = algorithm;
        this.blob = blob;
        this.comment = checkComment(comment);
        this.jdkKey = jdkKey;
    }

    /**
     * A comment as read may hold anything but a line feed (sshd ignores the comment, so a key line
     * whose comment holds a carriage return is still used); writing refuses control characters.
     */
    private static String checkComment(String comment) {
        Objects.requireNonNull(comment, "comment");
        if (comment.indexOf('\n') >= 0) {
            throw new ValidationException("comment: a line feed would end the line");
        }
        return comment;
    }

    /** Parses a key in any supported text form (one-line, RFC 4716, PEM). */
    public static SshPublicKey parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses a key in any supported text form; {@code source} names the text in errors. */
    public static SshPublicKey parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        String stripped = text.strip();
        if (stripped.startsWith("---- BEGIN SSH2 PUBLIC KEY ----")) {
            Pem pem = Pem.parseRfc4716(text, source);
            return fromBlob(pem.body(), PublicKeyFormats.rfc4716Comment(pem), Position.of(source, pem.line() + 1));
        }
        if (stripped.startsWith("-----BEGIN ")) {
            return of(PublicKeyFormats.pemPublicKey(Pem.parse(text, source), source), "");
        }
        PublicKeyText.Parts parts = PublicKeyText.parseLine(text, source, 1);
        SshPublicKey key = fromBlob(parts.blob, parts.comment, new Position(source, 1, parts.blobColumn));
        if (!key.type.equals(parts.type)) {
            throw new ParseException(Position.of(source, 1),
                    "key type '" + parts.type + "' does not match the key data's type '" + key.type + "'");
        }
        return key;
    }

    /**
     * Reads a public key file (a {@code .pub} file, RFC 4716 or PEM; at most 1 MiB).
     *
     * @throws IOException when the file cannot be read
     */
    public static SshPublicKey read(Path file) throws IOException {
        return parse(TextFiles.readUtf8(file, Pem.MAX_TEXT), file.toString());
    }

    /**
     * Writes the one-line form and a newline to {@code file} with mode 0644, atomically.
     *
     * @throws IOException when writing fails
     */
    public void write(Path file) throws IOException {
        SafeFiles.writeString(file, toOpenSsh() + "\n", FileMode.PUBLIC);
    }

    /** Like {@link #parse(String)}, but empty instead of throwing. */
    public static Optional<SshPublicKey> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A key from its wire blob (the bytes the base64 of the one-line form encodes). The comment is
     * taken as read from a file: anything but a line feed; {@link #toOpenSsh()} refuses to write
     * one that holds control characters.
     */
    public static SshPublicKey ofBlob(ByteBuffer blob, String comment) {
        byte[] bytes = new byte[blob.remaining()];
        blob.duplicate().get(bytes);
        return fromBlob(bytes, comment, Position.inString(1, 1));
    }

    /** A key from its wire blob; errors are reported at {@code at}. Takes ownership of {@code blob}. */
    static SshPublicKey fromBlob(byte[] blob, String comment, Position at) {
        if (blob.length > MAX_BLOB) {
            throw new ParseException(at, "key data is longer than " + MAX_BLOB + " bytes");
        }
        String type;
        try {
            type = new WireReader(blob).readUtf8("key type");
        } catch (WireException e) {
            throw new ParseException(at, "invalid key data: " + e.getMessage());
        }
        if (type.isEmpty() || !type.chars().allMatch(c -> PublicKeyText.isTypeChar((char) c))) {
            throw new ParseException(at, "invalid key type inside the key data");
        }
        KeyAlgorithm algorithm = KeyAlgorithm.fromWireName(type);
        PublicKey jdk = null;
        if (algorithm != KeyAlgorithm.OPAQUE) {
            try {
                jdk = PublicKeyCodec.decode(algorithm, blob);
            } catch (WireException e) {
                throw new ParseException(at, "invalid " + type + " key: " + e.getMessage());
            }
        }
        return new SshPublicKey(type, algorithm, blob, comment, jdk);
    }

    /**
     * The SSH form of a JDK public key (RSA, EC on P-256/384/521, Ed25519, DSA).
     *
     * @throws ValidationException when the comment holds a control character other than tab
     */
    public static SshPublicKey of(PublicKey key, String comment) {
        Objects.requireNonNull(key, "key");
        Printable.check("comment", Objects.requireNonNull(comment, "comment"), true);
        KeyAlgorithm algorithm = PublicKeyCodec.algorithmOf(key);
        return new SshPublicKey(algorithm.wireName(), algorithm, PublicKeyCodec.encode(key), comment, key);
    }

    /**
     * This key with another comment.
     *
     * @throws ValidationException when the comment holds a control character other than tab
     */
    public SshPublicKey withComment(String newComment) {
        Printable.check("comment", Objects.requireNonNull(newComment, "comment"), true);
        return new SshPublicKey(type, algorithm, blob, newComment, jdkKey);
    }

    /** The wire type name, e.g. {@code ssh-ed25519} or {@code sk-ssh-ed25519@openssh.com}. */
    public String type() {
        return type;
    }

    /** The kind of key; {@link KeyAlgorithm#OPAQUE} for types Bulwark does not handle. */
    public KeyAlgorithm keyType() {
        return algorithm;
    }

    /** Whether this key is of a type Bulwark only keeps ({@link KeyAlgorithm#OPAQUE}). */
    public boolean isOpaque() {
        return algorithm == KeyAlgorithm.OPAQUE;
    }

    /** The comment; empty when there is none. */
    public String comment() {
        return comment;
    }

    /**
     * The key size in bits as {@code ssh-keygen -l} shows it: the RSA modulus or DSA p length,
     * 256/384/521 for ECDSA, 256 for Ed25519 and the {@code sk-} FIDO types, 0 for other opaque keys.
     */
    public int bits() {
        if (jdkKey != null) {
            return PublicKeyCodec.bits(algorithm, jdkKey);
        }
        return type.startsWith("sk-ssh-ed25519") || type.startsWith("sk-ecdsa-sha2-nistp256") ? 256 : 0;
    }

    /** A read-only view of the key blob. */
    public ByteBuffer blob() {
        return ByteBuffer.wrap(blob).asReadOnlyBuffer();
    }

    /** A copy of the key blob. */
    public byte[] blobBytes() {
        return blob.clone();
    }

    /** The JDK public key; empty for {@link KeyAlgorithm#OPAQUE} keys. */
    public Optional<PublicKey> toPublicKey() {
        return Optional.ofNullable(jdkKey);
    }

    /** {@code SHA256:} and the unpadded base64 SHA-256 of the blob, as {@code ssh-keygen -l} prints it. */
    public String fingerprintSha256() {
        return Fingerprints.sha256(blob);
    }

    /** {@code MD5:} and the colon-separated hex MD5 of the blob, as {@code ssh-keygen -l -E md5} prints it. */
    public String fingerprintMd5() {
        return Fingerprints.md5(blob);
    }

    /** The randomart picture {@code ssh-keygen -lv} draws for this key (lines joined by {@code \n}). */
    public String randomArt() {
        return Fingerprints.randomArt(blob, PublicKeyFormats.shortTypeName(type), bits());
    }

    /**
     * The OpenSSH one-line form {@code type base64 [comment]}, without a line break.
     *
     * @throws ValidationException when a comment read from a file holds a control character other than tab
     */
    public String toOpenSsh() {
        Printable.check("comment", comment, true);
        String line = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment.isEmpty() ? line : line + " " + comment;
    }

    /** The RFC 4716 form with a {@code Comment} header when there is a comment, as {@code ssh-keygen -e} writes. */
    public String toRfc4716() {
        Printable.check("comment", comment, true);
        return PublicKeyFormats.toRfc4716(blob, comment);
    }

    /**
     * The PEM SubjectPublicKeyInfo form ({@code BEGIN PUBLIC KEY}).
     *
     * @throws ValidationException for opaque keys, which have no such form
     */
    public String toPem() {
        if (jdkKey == null) {
            throw new ValidationException("a " + type + " key has no PEM form; keep it in the OpenSSH form");
        }
        return Pem.encode("PUBLIC KEY", jdkKey.getEncoded());
    }

    /** Equal when the key blobs are equal; the comment is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey && MessageDigest.isEqual(blob, ((SshPublicKey) o).blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    /** Type, SHA-256 fingerprint and comment, e.g. {@code ssh-ed25519 SHA256:… alice@laptop}. */
    @Override
    public String toString() {
        String s = type + " " + fingerprintSha256();
        return comment.isEmpty() ? s : s + " " + comment;
    }
}
