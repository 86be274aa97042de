package dev.bulwark.ssh.internal.key;

import dev.bulwark.ssh.internal.wire.WireException;
import dev.bulwark.ssh.key.KeyAlgorithm;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/** The three NIST curves OpenSSH uses: parameters, point encoding and validation. Not API. */
public final class Curves {

    private static final Map<KeyAlgorithm, ECParameterSpec> PARAMS = new EnumMap<>(KeyAlgorithm.class);

    static {
        PARAMS.put(KeyAlgorithm.ECDSA_P256, load("secp256r1"));
        PARAMS.put(KeyAlgorithm.ECDSA_P384, load("secp384r1"));
        PARAMS.put(KeyAlgorithm.ECDSA_P521, load("secp521r1"));
    }

    private Curves() {
    }

    private static ECParameterSpec load(String name) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(name));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + name, e);
        }
    }

    /** The JDK parameters of an ECDSA algorithm. */
    public static ECParameterSpec params(KeyAlgorithm algorithm) {
        ECParameterSpec spec = PARAMS.get(algorithm);
        if (spec == null) {
            throw new IllegalArgumentException(algorithm + " is not an ECDSA algorithm");
        }
        return spec;
    }

    /** The curve name inside ECDSA blobs, e.g. {@code nistp256}. */
    public static String curveName(KeyAlgorithm algorithm) {
        return algorithm.wireName().substring("ecdsa-sha2-".length());
    }

    /** The ECDSA algorithm whose curve has these parameters. */
    public static KeyAlgorithm algorithmOf(ECParameterSpec spec) {
        for (Map.Entry<KeyAlgorithm, ECParameterSpec> e : PARAMS.entrySet()) {
            ECParameterSpec known = e.getValue();
            if (known.getOrder().equals(spec.getOrder())
                    && known.getCurve().getField().equals(spec.getCurve().getField())) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("only the NIST curves P-256, P-384 and P-521 are used by SSH");
    }

    /** The curve size in bits (256, 384, 521). */
    public static int bits(KeyAlgorithm algorithm) {
        return params(algorithm).getCurve().getField().getFieldSize();
    }

    /** Encodes a point uncompressed: 0x04, X, Y, each coordinate padded to the field size. */
    public static byte[] encodePoint(KeyAlgorithm algorithm, ECPoint point) {
        int len = (bits(algorithm) + 7) / 8;
        byte[] out = new byte[1 + 2 * len];
        out[0] = 4;
        copyFixed(point.getAffineX(), out, 1, len);
        copyFixed(point.getAffineY(), out, 1 + len, len);
        return out;
    }

    private static void copyFixed(BigInteger v, byte[] out, int offset, int len) {
        byte[] b = v.toByteArray();
        int start = b.length > len ? b.length - len : 0;
        System.arraycopy(b, start, out, offset + len - (b.length - start), b.length - start);
    }

    /** Decodes an uncompressed point and checks that it lies on the curve. */
    public static ECPoint decodePoint(KeyAlgorithm algorithm, byte[] encoded) {
        int len = (bits(algorithm) + 7) / 8;
        if (encoded.length != 1 + 2 * len || encoded[0] != 4) {
            throw new WireException("ECDSA public point is not an uncompressed " + bits(algorithm) + "-bit point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + len));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + len, encoded.length));
        ECPoint point = new ECPoint(x, y);
        if (!onCurve(algorithm, point)) {
            throw new WireException("ECDSA public point is not on curve " + curveName(algorithm));
        }
        return point;
    }

    /** Whether the point is on the curve of the algorithm (and not at infinity). */
    public static boolean onCurve(KeyAlgorithm algorithm, ECPoint point) {
        ECParameterSpec spec = params(algorithm);
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x == null || x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        return lhs.equals(rhs);
    }
}
