package dev.bulwark.ssh.internal.key;

import dev.bulwark.ssh.internal.wire.WireException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Converts Ed25519 keys between their raw 32-byte forms and JDK keys. Not API. */
public final class Ed25519Keys {

    private Ed25519Keys() {
    }

    /** Whether the JDK key is an Ed25519 key. */
    public static boolean isEd25519(java.security.Key key) {
        if (key instanceof EdECPublicKey) {
            return ((EdECPublicKey) key).getParams().getName().equalsIgnoreCase("Ed25519");
        }
        if (key instanceof EdECPrivateKey) {
            return ((EdECPrivateKey) key).getParams().getName().equalsIgnoreCase("Ed25519");
        }
        return false;
    }

    /** The 32-byte RFC 8032 encoding of a public key. */
    public static byte[] rawPublic(PublicKey key) {
        EdECPoint point = ((EdECPublicKey) key).getPoint();
        byte[] be = point.getY().toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        if (point.isXOdd()) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** A JDK public key from its 32-byte encoding. */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new WireException("Ed25519 public key is " + raw.length + " bytes, not 32");
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = raw[31 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                            new EdECPoint(xOdd, new BigInteger(1, be))));
        } catch (GeneralSecurityException e) {
            throw new WireException("Ed25519 public key is invalid");
        }
    }

    /** The 32-byte seed of a private key (a copy the caller must wipe). */
    public static byte[] seed(PrivateKey key) {
        return ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new IllegalStateException("Ed25519 private key has no extractable seed"));
    }

    /** A JDK private key from its 32-byte seed. */
    public static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused an Ed25519 seed", e);
        }
    }

    /** The 32-byte public key belonging to a seed. */
    public static byte[] derivePublic(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    /** Wipes an array. */
    public static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
