package dev.bulwark.ssh.internal.key;

import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;

/**
 * The private-key fields of the {@code openssh-key-v1} private section (PROTOCOL.key and
 * OpenSSH's sshkey_private_serialize). Not API.
 */
public final class PrivateKeyCodec {

    private PrivateKeyCodec() {
    }

    /** A private key read from the wire: the JDK key and the public key it implies. */
    public static final class Decoded {
        /** The JDK private key. */
        public final PrivateKey privateKey;
        /** The public key the private fields imply. */
        public final PublicKey publicKey;

        Decoded(PrivateKey privateKey, PublicKey publicKey) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }
    }

    /** Writes {@code string type} and the private fields; the caller wipes the returned array. */
    public static byte[] encode(KeyAlgorithm algorithm, PublicKey pub, PrivateKey key) {
        WireWriter w = new WireWriter().writeUtf8(algorithm.wireName());
        switch (algorithm) {
            case RSA: {
                RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
                w.writeMpint(rsa.getModulus()).writeMpint(rsa.getPublicExponent()).writeMpint(rsa.getPrivateExponent())
                        .writeMpint(rsa.getCrtCoefficient()).writeMpint(rsa.getPrimeP()).writeMpint(rsa.getPrimeQ());
                break;
            }
            case DSA: {
                PublicKeyCodec.writeFields(w, algorithm, pub);
                w.writeMpint(((DSAPrivateKey) key).getX());
                break;
            }
            case ED25519: {
                byte[] raw = Ed25519Keys.rawPublic(pub);
                byte[] seed = Ed25519Keys.seed(key);
                byte[] both = new byte[64];
                System.arraycopy(seed, 0, both, 0, 32);
                System.arraycopy(raw, 0, both, 32, 32);
                w.writeString(raw).writeString(both);
                Arrays.fill(seed, (byte) 0);
                Arrays.fill(both, (byte) 0);
                break;
            }
            default:
                PublicKeyCodec.writeFields(w, algorithm, pub);
                w.writeMpint(((ECPrivateKey) key).getS());
        }
        return w.toByteArrayAndWipe();
    }

    /** Reads the private fields of a known algorithm (the type name already read) and checks them. */
    public static Decoded read(WireReader r, KeyAlgorithm algorithm) {
        switch (algorithm) {
            case RSA: {
                BigInteger n = r.readMpint("RSA n");
                BigInteger e = r.readMpint("RSA e");
                BigInteger d = r.readMpint("RSA d");
                BigInteger iqmp = r.readMpint("RSA iqmp");
                BigInteger p = r.readMpint("RSA p");
                BigInteger q = r.readMpint("RSA q");
                if (!KeyMath.rsaConsistent(n, e, d, p, q)) {
                    throw new WireException("RSA private key numbers are inconsistent");
                }
                PrivateKey key = generate("RSA", new RSAPrivateCrtKeySpec(n, e, d, p, q,
                        d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), iqmp));
                return new Decoded(key, KeyMath.publicOf(key));
            }
            case DSA: {
                DSAPublicKey pub = (DSAPublicKey) PublicKeyCodec.readFields(r, algorithm);
                BigInteger x = r.readMpint("DSA x");
                if (x.signum() <= 0 || x.compareTo(pub.getParams().getQ()) >= 0) {
                    throw new WireException("DSA private value is out of range");
                }
                PrivateKey key = generate("DSA", new DSAPrivateKeySpec(x, pub.getParams().getP(),
                        pub.getParams().getQ(), pub.getParams().getG()));
                return new Decoded(key, checked(pub, KeyMath.publicOf(key)));
            }
            case ED25519: {
                byte[] raw = r.readString("Ed25519 public key");
                byte[] both = r.readString("Ed25519 private key");
                if (raw.length != 32 || both.length != 64) {
                    Arrays.fill(both, (byte) 0);
                    throw new WireException("Ed25519 private key has the wrong length");
                }
                byte[] seed = Arrays.copyOf(both, 32);
                boolean match = Arrays.equals(Ed25519Keys.derivePublic(seed), raw)
                        && Arrays.equals(Arrays.copyOfRange(both, 32, 64), raw);
                Arrays.fill(both, (byte) 0);
                if (!match) {
                    Arrays.fill(seed, (byte) 0);
                    throw new WireException("Ed25519 private key does not match its public key");
                }
                PrivateKey key = Ed25519Keys.privateKey(seed);
                Arrays.fill(seed, (byte) 0);
                return new Decoded(key, Ed25519Keys.publicKey(raw));
            }
            default: {
                ECPublicKey pub = (ECPublicKey) PublicKeyCodec.readFields(r, algorithm);
                BigInteger d = r.readMpint("ECDSA private scalar");
                if (d.signum() <= 0 || d.compareTo(Curves.params(algorithm).getOrder()) >= 0) {
                    throw new WireException("ECDSA private scalar is out of range");
                }
                PrivateKey key = generate("EC", new ECPrivateKeySpec(d, Curves.params(algorithm)));
                return new Decoded(key, checked(pub, KeyMath.publicOf(key)));
            }
        }
    }

    private static PublicKey checked(PublicKey stated, PublicKey derived) {
        if (!Arrays.equals(stated.getEncoded(), derived.getEncoded())) {
            throw new WireException("private key does not match its public key");
        }
        return stated;
    }

    private static PrivateKey generate(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new WireException(algorithm + " private key is invalid");
        }
    }
}
