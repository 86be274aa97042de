package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;

/** Converts between SSH public key blobs (RFC 4253, 5656, 8709) and JDK public keys. Not API. */
public final class PublicKeyCodec {

    private PublicKeyCodec() {
    }

    /** The algorithm of a JDK public key; throws {@link ValidationException} for keys SSH has no form for. */
    public static KeyAlgorithm algorithmOf(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return KeyAlgorithm.RSA;
        }
        if (key instanceof ECPublicKey) {
            KeyAlgorithm algorithm;
            try {
                algorithm = Curves.algorithmOf(((ECPublicKey) key).getParams());
            } catch (IllegalArgumentException e) {
                throw new ValidationException(e.getMessage());
            }
            if (!Curves.onCurve(algorithm, ((ECPublicKey) key).getW())) {
                throw new ValidationException("the EC public point is not on curve " + Curves.curveName(algorithm));
            }
            return algorithm;
        }
        if (Ed25519Keys.isEd25519(key)) {
            return KeyAlgorithm.ED25519;
        }
        if (key instanceof DSAPublicKey) {
            return KeyAlgorithm.DSA;
        }
        throw new ValidationException("a " + key.getAlgorithm()
                + " key has no SSH form; use Ed25519, ECDSA (P-256, P-384, P-521) or RSA");
    }

    /** Encodes a JDK public key as an SSH blob. */
    public static byte[] encode(PublicKey key) {
        KeyAlgorithm algorithm = algorithmOf(key);
        WireWriter w = new WireWriter().writeUtf8(algorithm.wireName());
        writeFields(w, algorithm, key);
        return w.toByteArray();
    }

    /** Writes the public fields of a key (everything after the type name) to {@code w}. */
    public static void writeFields(WireWriter w, KeyAlgorithm algorithm, PublicKey key) {
        switch (algorithm) {
            case RSA:
                RSAPublicKey rsa = (RSAPublicKey) key;
                w.writeMpint(rsa.getPublicExponent()).writeMpint(rsa.getModulus());
                break;
            case DSA:
                DSAPublicKey dsa = (DSAPublicKey) key;
                DSAParams p = dsa.getParams();
                w.writeMpint(p.getP()).writeMpint(p.getQ()).writeMpint(p.getG()).writeMpint(dsa.getY());
                break;
            case ED25519:
                w.writeString(Ed25519Keys.rawPublic(key));
                break;
            case ECDSA_P256:
            case ECDSA_P384:
            case ECDSA_P521:
                w.writeUtf8(Curves.curveName(algorithm));
                w.writeString(Curves.encodePoint(algorithm, ((ECPublicKey) key).getW()));
                break;
            default:
                throw new IllegalStateException("no public fields for " + algorithm);
        }
    }

    /** Decodes a blob of a known algorithm, requiring it to hold exactly one key. */
    public static PublicKey decode(KeyAlgorithm algorithm, byte[] blob) {
        WireReader r = new WireReader(blob);
        String type = r.readUtf8("key type");
        if (!type.equals(algorithm.wireName())) {
            throw new WireException("key blob is of type " + type + ", not " + algorithm.wireName());
        }
        PublicKey key = readFields(r, algorithm);
        r.expectEnd("the public key");
        return key;
    }

    /** Reads the public fields of a key (everything after the type name). */
    public static PublicKey readFields(WireReader r, KeyAlgorithm algorithm) {
        switch (algorithm) {
            case RSA: {
                BigInteger e = r.readMpint("RSA exponent");
                BigInteger n = r.readMpint("RSA modulus");
                if (n.signum() == 0 || e.signum() == 0 || !e.testBit(0)) {
                    throw new WireException("RSA public key has an invalid modulus or exponent");
                }
                return generate("RSA", new RSAPublicKeySpec(n, e));
            }
            case DSA: {
                BigInteger p = r.readMpint("DSA p");
                BigInteger q = r.readMpint("DSA q");
                BigInteger g = r.readMpint("DSA g");
                BigInteger y = r.readMpint("DSA y");
                if (p.signum() == 0 || q.signum() == 0 || g.signum() == 0 || y.signum() == 0) {
                    throw new WireException("DSA public key has a zero parameter");
                }
                return generate("DSA", new DSAPublicKeySpec(y, p, q, g));
            }
            case ED25519:
                return Ed25519Keys.publicKey(r.readString("Ed25519 public key"));
            case ECDSA_P256:
            case ECDSA_P384:
            case ECDSA_P521: {
                String curve = r.readUtf8("curve name");
                if (!curve.equals(Curves.curveName(algorithm))) {
                    throw new WireException("curve " + curve + " does not match key type " + algorithm.wireName());
                }
                return generate("EC", new ECPublicKeySpec(
                        Curves.decodePoint(algorithm, r.readString("ECDSA public point")), Curves.params(algorithm)));
            }
            default:
                throw new IllegalStateException("no public fields for " + algorithm);
        }
    }

    private static PublicKey generate(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new WireException(algorithm + " public key is invalid");
        }
    }

    /** The key size in bits as {@code ssh-keygen -l} shows it. */
    public static int bits(KeyAlgorithm algorithm, PublicKey key) {
        switch (algorithm) {
            case RSA:
                return ((RSAPublicKey) key).getModulus().bitLength();
            case DSA:
                return ((DSAPublicKey) key).getParams().getP().bitLength();
            case ED25519:
                return 256;
            default:
                return Curves.bits(algorithm);
        }
    }
}
