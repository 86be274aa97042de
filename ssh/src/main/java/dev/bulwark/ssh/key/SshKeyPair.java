package dev.bulwark.ssh.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.ssh.internal.key.KeyMath;
import dev.bulwark.ssh.internal.key.OpenSshKeyFile;
import dev.bulwark.ssh.internal.key.Pem;
import dev.bulwark.ssh.internal.key.PemPrivateKeys;
import dev.bulwark.ssh.internal.key.PrivateKeyCodec;
import dev.bulwark.ssh.internal.lines.TextFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An SSH key pair: a {@link SshPublicKey} (with the comment) and its {@link SshPrivateKey}.
 *
 * <p>Reads the {@code openssh-key-v1} format (unencrypted, or encrypted with bcrypt and any cipher
 * ssh-keygen offers), PEM PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, including legacy
 * {@code Proc-Type: 4,ENCRYPTED} keys), SEC 1 ({@code BEGIN EC PRIVATE KEY}), OpenSSL DSA, and PKCS#8
 * plain or encrypted. Every private key read is checked against its public key. Writes
 * {@code openssh-key-v1} (bcrypt with {@value #DEFAULT_KDF_ROUNDS} rounds and aes256-ctr when a
 * passphrase is given) and PKCS#8.
 *
 * <p><b>Passphrases</b> are {@code char[]}: Bulwark reads them during the call only, never keeps
 * them and wipes every byte array derived from them. The array stays the caller's: wipe it
 * ({@code Arrays.fill(passphrase, '\0')}) when done. {@code null} or empty means no passphrase.
 *
 * <pre>{@code
 * SshKeyPair pair = SshKeyPair.generate(SshKeyType.ED25519).withComment("deploy@ci");
 * String file = pair.toOpenSsh(passphrase);          // -----BEGIN OPENSSH PRIVATE KEY-----
 * String line = pair.publicKey().toOpenSsh();        // ssh-ed25519 AAAA… deploy@ci
 * }</pre>
 */
public final class SshKeyPair {

    /** The bcrypt KDF rounds used when encrypting, as OpenSSH 9.4 and later do. */
    public static final int DEFAULT_KDF_ROUNDS = 24;
    /**
     * The most bcrypt KDF rounds accepted when reading a file ({@value}): a hostile file could
     * otherwise demand hours of key derivation. ssh-keygen's default is 16 to 24.
     */
    public static final int MAX_KDF_ROUNDS = OpenSshKeyFile.MAX_READ_ROUNDS;

    private final SshPublicKey publicKey;
    private final SshPrivateKey privateKey;

    private SshKeyPair(SshPublicKey publicKey, SshPrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A new Ed25519 key pair. */
    public static SshKeyPair generate() {
        return generate(SshKeyType.ED25519);
    }

    /** A new key pair of {@code type}, using a fresh {@link SecureRandom}. */
    public static SshKeyPair generate(SshKeyType type) {
        return generate(type, new SecureRandom());
    }

    /** A new key pair of {@code type} drawing randomness from {@code random}. */
    public static SshKeyPair generate(SshKeyType type, SecureRandom random) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(random, "random");
        KeyPair jdk;
        try {
            KeyPairGenerator generator;
            switch (type.algorithm()) {
                case ED25519:
                    generator = KeyPairGenerator.getInstance("Ed25519");
                    generator.initialize(NamedParameterSpec.ED25519, random);
                    break;
                case RSA:
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4), random);
                    break;
                default:
                    generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp" + type.bits() + "r1"), random);
            }
            jdk = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + type, e);
        }
        return build(jdk.getPublic(), jdk.getPrivate(), "");
    }

    /**
     * The SSH form of a JDK key pair (RSA in CRT form, EC on P-256/384/521, Ed25519, DSA).
     *
     * @throws ValidationException when the keys do not belong together or have no SSH form
     */
    public static SshKeyPair of(KeyPair keyPair, String comment) {
        PrivateKey priv = keyPair.getPrivate();
        PublicKey derived;
        try {
            derived = KeyMath.publicOf(priv);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage());
        }
        if (!Arrays.equals(derived.getEncoded(), keyPair.getPublic().getEncoded())) {
            throw new ValidationException("the private key does not belong to the public key");
        }
        return build(keyPair.getPublic(), priv, comment);
    }

    private static SshKeyPair build(PublicKey pub, PrivateKey priv, String comment) {
        SshPublicKey publicKey = SshPublicKey.of(pub, comment);
        return new SshKeyPair(publicKey, new SshPrivateKey(publicKey.type(),
                priv, PrivateKeyCodec.encode(publicKey.keyType(), pub, priv), false));
    }

    /**
     * Reads a private key file's text; the passphrase may be null for unencrypted keys.
     *
     * @throws WrongPassphraseException when the key is encrypted and the passphrase is wrong or missing
     * @throws ParseException           when the text is not a private key Bulwark reads
     */
    public static SshKeyPair parse(String text, char[] passphraseOrNull) {
        return parse(text, passphraseOrNull, Position.STRING_SOURCE);
    }

    /** Like {@link #parse(String, char[])}; {@code source} names the text in errors. */
    public static SshKeyPair parse(String text, char[] passphraseOrNull, String source) {
        Objects.requireNonNull(text, "text");
        if (Pem.firstLabel(text).isEmpty()) {
            throw new ParseException(Position.of(source, 1), "no '-----BEGIN … PRIVATE KEY-----' line");
        }
        Pem pem = Pem.parse(text, source);
        try {
            return fromPem(pem, passphraseOrNull, source);
        } finally {
            Arrays.fill(pem.body(), (byte) 0);
        }
    }

    private static SshKeyPair fromPem(Pem pem, char[] passphraseOrNull, String source) {
        String label = pem.label();
        if (label.equals(OpenSshKeyFile.LABEL)) {
            OpenSshKeyFile.Content c = OpenSshKeyFile.decode(pem, passphraseOrNull, source);
            SshPublicKey pub = SshPublicKey.fromBlob(c.publicBlob, c.comment, Position.of(source, pem.line()));
            return new SshKeyPair(pub, new SshPrivateKey(pub.type(), c.privateKey, c.privateWire, c.commentInWire));
        }
        if (!PemPrivateKeys.handles(label)) {
            throw new ParseException(Position.of(source, pem.line()),
                    "expected a private key, found a PEM block labelled '" + label + "'");
        }
        PrivateKey priv = PemPrivateKeys.read(pem, passphraseOrNull, source);
        try {
            return build(KeyMath.publicOf(priv), priv, "");
        } catch (IllegalArgumentException e) {
            throw new ParseException(Position.of(source, pem.line()), "unsupported private key: " + e.getMessage());
        }
    }

    /**
     * Reads a private key file (at most 1 MiB); the file name is used as the source in errors.
     *
     * @throws IOException when the file cannot be read
     */
    public static SshKeyPair read(Path privateKeyFile, char[] passphraseOrNull) throws IOException {
        return parse(TextFiles.readUtf8(privateKeyFile, Pem.MAX_TEXT), passphraseOrNull, privateKeyFile.toString());
    }

    /**
     * Writes the private key in OpenSSH form to {@code privateKeyFile} with mode 0600 and the public
     * key to {@code privateKeyFile + ".pub"} with mode 0644, each atomically (core's
     * {@link SafeFiles}): the private key never exists on disk with a looser mode.
     *
     * @param passphraseOrNull encrypts the private key when given (see {@link #toOpenSsh(char[])})
     * @throws IOException when writing fails; existing files are then left as they were
     */
    public void write(Path privateKeyFile, char[] passphraseOrNull) throws IOException {
        byte[] text = toOpenSsh(passphraseOrNull).getBytes(StandardCharsets.US_ASCII);
        try {
            SafeFiles.write(privateKeyFile, text, FileMode.SECRET);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
        Path pub = privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
        SafeFiles.writeString(pub, publicKey.toOpenSsh() + "\n", FileMode.PUBLIC);
    }

    /** Like {@link #parse(String, char[])}, but empty instead of throwing a {@link ParseException}. */
    public static Optional<SshKeyPair> tryParse(String text, char[] passphraseOrNull) {
        try {
            return Optional.of(parse(text, passphraseOrNull));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The public half, carrying the comment. */
    public SshPublicKey publicKey() {
        return publicKey;
    }

    /** The private half (a secret type). */
    public SshPrivateKey privateKey() {
        return privateKey;
    }

    /** The comment. */
    public String comment() {
        return publicKey.comment();
    }

    /** This key pair with another comment. */
    public SshKeyPair withComment(String comment) {
        return new SshKeyPair(publicKey.withComment(comment), privateKey);
    }

    /** The JDK key pair; empty for opaque keys. */
    public Optional<KeyPair> toKeyPair() {
        return privateKey.revealPrivateKey().map(p -> new KeyPair(publicKey.toPublicKey().orElseThrow(), p));
    }

    /** The {@code openssh-key-v1} text, encrypted with {@value #DEFAULT_KDF_ROUNDS} bcrypt rounds and aes256-ctr when a passphrase is given. */
    public String toOpenSsh(char[] passphraseOrNull) {
        return toOpenSsh(passphraseOrNull, DEFAULT_KDF_ROUNDS, new SecureRandom());
    }

    /**
     * The {@code openssh-key-v1} text with {@code kdfRounds} bcrypt rounds (1 to {@value #MAX_KDF_ROUNDS}).
     *
     * @param random the source of the salt and check values
     */
    public String toOpenSsh(char[] passphraseOrNull, int kdfRounds, SecureRandom random) {
        if (kdfRounds < 1 || kdfRounds > MAX_KDF_ROUNDS) {
            throw new ValidationException("kdfRounds " + kdfRounds + " must be between 1 and " + MAX_KDF_ROUNDS
                    + " (Bulwark reads no more than that; OpenSSH uses 16 to 24)");
        }
        return OpenSshKeyFile.encode(publicKey.blobBytes(), privateKey.wire(), publicKey.comment(),
                privateKey.commentInWire(), passphraseOrNull, kdfRounds, Objects.requireNonNull(random, "random"));
    }

    /**
     * The PKCS#8 PEM text ({@code BEGIN PRIVATE KEY}), or when a passphrase is given
     * {@code BEGIN ENCRYPTED PRIVATE KEY} with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC).
     *
     * @throws ValidationException for opaque keys, which have no PKCS#8 form
     */
    public String toPkcs8(char[] passphraseOrNull) {
        return toPkcs8(passphraseOrNull, new SecureRandom());
    }

    /**
     * Like {@link #toPkcs8(char[])}, with the salt and IV of the encryption from {@code random}.
     *
     * @throws ValidationException for opaque keys, which have no PKCS#8 form
     */
    public String toPkcs8(char[] passphraseOrNull, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        PrivateKey priv = privateKey.revealPrivateKey().orElseThrow(() -> new ValidationException(
                "a " + publicKey.type() + " key has no PKCS#8 form; keep it in the OpenSSH form"));
        return PemPrivateKeys.writePkcs8(priv, passphraseOrNull, random);
    }

    /** Equal when both halves are equal (the comment is ignored). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SshKeyPair && publicKey.equals(((SshKeyPair) o).publicKey)
                && privateKey.equals(((SshKeyPair) o).privateKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /** The public key's description and {@code [redacted]} for the private half. */
    @Override
    public String toString() {
        return "SshKeyPair[" + publicKey + ", private key [redacted]]";
    }
}
