package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.internal.wire.WireReader;
import dev.bulwark.ssh.internal.wire.WireWriter;
import dev.bulwark.ssh.key.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;

/** SSH signatures (RFC 8332, RFC 5656, RFC 8709): the wire form {@code string alg, string blob}. Not API. */
public final class Signatures {

    private Signatures() {
    }

    /** The signature algorithm Bulwark signs with for a key: never SHA-1. */
    public static String algorithmFor(KeyAlgorithm key) {
        switch (key) {
            case ED25519:
                return "ssh-ed25519";
            case ECDSA_P256:
            case ECDSA_P384:
            case ECDSA_P521:
                return key.wireName();
            case RSA:
                return "rsa-sha2-512";
            case DSA:
                throw new ValidationException("DSA keys sign with SHA-1 and OpenSSH no longer accepts them;"
                        + " use an Ed25519 key (SshKeyType.ED25519)");
            default:
                throw new ValidationException("opaque keys cannot sign here; use an Ed25519 key (SshKeyType.ED25519)");
        }
    }

    private static String jdkAlgorithm(String sshAlgorithm) {
        switch (sshAlgorithm) {
            case "ssh-ed25519":
                return "Ed25519";
            case "ecdsa-sha2-nistp256":
                return "SHA256withECDSAinP1363Format";
            case "ecdsa-sha2-nistp384":
                return "SHA384withECDSAinP1363Format";
            case "ecdsa-sha2-nistp521":
                return "SHA512withECDSAinP1363Format";
            case "rsa-sha2-256":
                return "SHA256withRSA";
            case "rsa-sha2-512":
                return "SHA512withRSA";
            default:
                return null;
        }
    }

    /** Whether a signature algorithm may sign with a key of this algorithm. */
    public static boolean matches(String sshAlgorithm, KeyAlgorithm key) {
        if (key == KeyAlgorithm.RSA) {
            return sshAlgorithm.startsWith("rsa-sha2-");
        }
        return sshAlgorithm.equals(key.wireName());
    }

    /** Signs {@code data}, returning the wire signature. */
    public static byte[] sign(KeyAlgorithm algorithm, PrivateKey key, byte[] data, SecureRandom random) {
        String name = algorithmFor(algorithm);
        try {
            Signature s = Signature.getInstance(jdkAlgorithm(name));
            s.initSign(key, random);
            s.update(data);
            byte[] raw = s.sign();
            byte[] blob = raw;
            if (name.startsWith("ecdsa-")) {
                int half = raw.length / 2;
                blob = new WireWriter().writeMpint(new BigInteger(1, Arrays.copyOf(raw, half)))
                        .writeMpint(new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length))).toByteArray();
            }
            return new WireWriter().writeUtf8(name).writeString(blob).toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not sign with " + name, e);
        }
    }

    /** The algorithm name of a wire signature. */
    public static String algorithmOf(byte[] signature) {
        return new WireReader(signature).readUtf8("signature algorithm");
    }

    /** Whether the wire signature over {@code data} verifies with {@code key}; SHA-1 ({@code ssh-rsa}) never does. */
    public static boolean verify(KeyAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            WireReader r = new WireReader(signature);
            String name = r.readUtf8("signature algorithm");
            byte[] blob = r.readString("signature");
            r.expectEnd("the signature");
            String jdk = jdkAlgorithm(name);
            if (jdk == null || !matches(name, algorithm)) {
                return false;
            }
            byte[] raw = blob;
            if (name.startsWith("ecdsa-")) {
                WireReader rs = new WireReader(blob);
                BigInteger sr = rs.readMpint("r");
                BigInteger ss = rs.readMpint("s");
                rs.expectEnd("the ECDSA signature");
                int len = (Curves.bits(algorithm) + 7) / 8;
                if (sr.bitLength() > len * 8 || ss.bitLength() > len * 8) {
                    return false;
                }
                raw = new byte[2 * len];
                fixed(sr, raw, 0, len);
                fixed(ss, raw, len, len);
            }
            Signature s = Signature.getInstance(jdk);
            s.initVerify(key);
            s.update(data);
            return s.verify(raw);
        } catch (WireException | GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void fixed(BigInteger v, byte[] out, int offset, int len) {
        byte[] b = v.toByteArray();
        int start = b.length > len ? b.length - len : 0;
        System.arraycopy(b, start, out, offset + len - (b.length - start), b.length - start);
    }
}
