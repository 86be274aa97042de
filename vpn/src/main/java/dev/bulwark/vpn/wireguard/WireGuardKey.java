package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * A WireGuard private key: a Curve25519 (X25519) scalar, a secret. Generated keys are clamped as
 * {@code wg genkey} clamps them; the public key is derived as {@code wg pubkey} derives it, so
 * both tools and Bulwark agree on every key.
 *
 * <p>{@code toString()} is {@code WireGuardKey[redacted]}, equality is constant-time, and the
 * secret leaves only through {@link #toBase64()}.
 *
 * <pre>{@code
 * WireGuardKey key = WireGuardKey.generate();
 * String line = "PrivateKey = " + key.toBase64();
 * WireGuardPublicKey pub = key.publicKey();          // what `wg pubkey` prints
 * WireGuardKey same = WireGuardKey.parse(key.toBase64());
 * }</pre>
 *
 * @see <a href="https://www.wireguard.com/protocol/">WireGuard protocol</a>, RFC 7748 (X25519)
 */
public final class WireGuardKey {

    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private final byte[] scalar;
    private final WireGuardPublicKey publicKey;

    private WireGuardKey(byte[] scalar) {
        this.scalar = scalar;
        this.publicKey = new WireGuardPublicKey(KeyText.encode(derive(scalar)));
    }

    /** A new clamped private key from a strong {@link SecureRandom}, like {@code wg genkey}. */
    public static WireGuardKey generate() {
        return generate(new SecureRandom());
    }

    /** A new clamped private key from {@code random}. */
    public static WireGuardKey generate(SecureRandom random) {
        byte[] bytes = new byte[KeyText.KEY_BYTES];
        random.nextBytes(bytes);
        bytes[0] &= (byte) 248;
        bytes[31] &= (byte) 127;
        bytes[31] |= (byte) 64;
        return new WireGuardKey(bytes);
    }

    /**
     * Parses a private key as {@code wg genkey} prints it (surrounding whitespace ignored). The
     * key is never quoted in the error.
     *
     * @throws ParseException when it is not 32 bytes of canonical base64
     */
    public static WireGuardKey parse(String base64) {
        return parse(base64, Position.inString(1, 1));
    }

    static WireGuardKey parse(String base64, Position at) {
        Objects.requireNonNull(base64, "base64");
        return new WireGuardKey(KeyText.decode(base64.strip(), "a WireGuard private key", at, true));
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<WireGuardKey> tryParse(String base64) {
        try {
            return Optional.of(parse(base64));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The public key, as {@code wg pubkey} derives it. */
    public WireGuardPublicKey publicKey() {
        return publicKey;
    }

    /** The secret key as base64, the form {@code PrivateKey = …} and {@code wg genkey} use. */
    public String toBase64() {
        return KeyText.encode(scalar);
    }

    /** The key as a JDK {@code XDH} private key (X25519). */
    public PrivateKey toPrivateKey() {
        try {
            return KeyFactory.getInstance("XDH").generatePrivate(
                    new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK supports X25519 since Java 11", e);
        }
    }

    private static byte[] derive(byte[] scalar) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey privateKey = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone()));
            PublicKey base = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BASE_POINT));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(privateKey);
            agreement.doPhase(base, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK supports X25519 since Java 11", e);
        }
    }

    /** Constant-time comparison of the secret. */
    @Override
    public boolean equals(Object o) {
        return o instanceof WireGuardKey && MessageDigest.isEqual(scalar, ((WireGuardKey) o).scalar);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "WireGuardKey[redacted, public " + publicKey + "]";
    }
}
