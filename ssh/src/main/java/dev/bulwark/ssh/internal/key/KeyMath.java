package dev.bulwark.ssh.internal.key;

import dev.bulwark.ssh.key.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/** Derives public keys from private keys, so that a private key can be checked against its public half. Not API. */
public final class KeyMath {

    private KeyMath() {
    }

    /** The algorithm of a JDK private key; throws {@link IllegalArgumentException} for other kinds. */
    public static KeyAlgorithm algorithmOf(PrivateKey key) {
        if (key instanceof RSAPrivateCrtKey) {
            return KeyAlgorithm.RSA;
        }
        if (key instanceof ECPrivateKey) {
            return Curves.algorithmOf(((ECPrivateKey) key).getParams());
        }
        if (Ed25519Keys.isEd25519(key)) {
            return KeyAlgorithm.ED25519;
        }
        if (key instanceof DSAPrivateKey) {
            DSAParams p = ((DSAPrivateKey) key).getParams();
            if (p == null || p.getP().compareTo(BigInteger.ONE) <= 0 || p.getQ().signum() <= 0
                    || p.getG().signum() <= 0 || ((DSAPrivateKey) key).getX().signum() <= 0) {
                throw new IllegalArgumentException("a DSA private key without valid domain parameters");
            }
            return KeyAlgorithm.DSA;
        }
        throw new IllegalArgumentException("a " + key.getAlgorithm() + " private key (RSA needs its CRT form)"
                + " has no SSH form");
    }

    /** The public key of a private key. */
    public static PublicKey publicOf(PrivateKey key) {
        KeyAlgorithm algorithm = algorithmOf(key);
        switch (algorithm) {
            case RSA: {
                RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
                return generate("RSA", new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            case DSA: {
                DSAPrivateKey dsa = (DSAPrivateKey) key;
                DSAParams p = dsa.getParams();
                return generate("DSA", new DSAPublicKeySpec(p.getG().modPow(dsa.getX(), p.getP()),
                        p.getP(), p.getQ(), p.getG()));
            }
            case ED25519: {
                byte[] seed = Ed25519Keys.seed(key);
                try {
                    return Ed25519Keys.publicKey(Ed25519Keys.derivePublic(seed));
                } finally {
                    Ed25519Keys.wipe(seed);
                }
            }
            default: {
                ECPrivateKey ec = (ECPrivateKey) key;
                return generate("EC", new ECPublicKeySpec(multiplyG(algorithm, ec.getS()), Curves.params(algorithm)));
            }
        }
    }

    /** {@code d·G} on the curve of an ECDSA algorithm. */
    public static ECPoint multiplyG(KeyAlgorithm algorithm, BigInteger d) {
        String name = "P-" + Curves.bits(algorithm);
        org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getByName(name).getG().multiply(d).normalize();
        return new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    }

    /** Whether an RSA private key's numbers are consistent (n = p·q and d inverts e). */
    public static boolean rsaConsistent(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
        if (p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(n) || n.bitLength() < 512) {
            return false;
        }
        BigInteger m = BigInteger.valueOf(0x5eed);
        return m.modPow(e, n).modPow(d, n).equals(m);
    }

    private static PublicKey generate(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused a derived " + algorithm + " public key", e);
        }
    }
}
