package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.key.WrongPassphraseException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;

/** PEM private keys: PKCS#1 RSA, SEC 1 EC, OpenSSL DSA, PKCS#8 plain and encrypted. Not API. */
public final class PemPrivateKeys {

    /** PBKDF2 iterations used when writing encrypted PKCS#8. */
    public static final int PBKDF2_ITERATIONS = 600_000;

    private static final String[] PKCS8_ALGORITHMS = {"Ed25519", "EC", "RSA", "DSA"};

    private PemPrivateKeys() {
    }

    /** Whether this module reads PEM blocks with this label as private keys. */
    public static boolean handles(String label) {
        return label.equals("RSA PRIVATE KEY") || label.equals("EC PRIVATE KEY") || label.equals("DSA PRIVATE KEY")
                || label.equals("PRIVATE KEY") || label.equals("ENCRYPTED PRIVATE KEY");
    }

    /** The JDK private key in a PEM block; the key is not yet checked against any public key. */
    public static PrivateKey read(Pem pem, char[] passphrase, String source) {
        Position at = Position.of(source, pem.line());
        byte[] der = pem.body();
        boolean decrypted = false;
        if (LegacyPemEncryption.isEncrypted(pem)) {
            der = LegacyPemEncryption.decrypt(pem, passphrase, at);
            decrypted = true;
        }
        try {
            switch (pem.label()) {
                case "RSA PRIVATE KEY":
                    return rsa(der);
                case "EC PRIVATE KEY":
                    return ec(der);
                case "DSA PRIVATE KEY":
                    return dsa(der);
                case "PRIVATE KEY":
                    return pkcs8(der);
                default:
                    decrypted = true;
                    return encryptedPkcs8(der, passphrase, at);
            }
        } catch (ParseException e) {
            throw e;
        } catch (RuntimeException | GeneralSecurityException e) {
            if (decrypted && LegacyPemEncryption.isEncrypted(pem)) {
                throw new WrongPassphraseException(at, "wrong passphrase for the private key");
            }
            throw new ParseException(at, "malformed " + pem.label());
        } finally {
            if (decrypted) {
                Arrays.fill(der, (byte) 0);
            }
        }
    }

    private static PrivateKey rsa(byte[] der) throws GeneralSecurityException {
        RSAPrivateKey k = RSAPrivateKey.getInstance(der);
        if (!KeyMath.rsaConsistent(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrime1(), k.getPrime2())) {
            throw new GeneralSecurityException("inconsistent RSA key");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(),
                k.getExponent2(), k.getCoefficient()));
    }

    private static PrivateKey ec(byte[] der) throws GeneralSecurityException {
        org.bouncycastle.asn1.sec.ECPrivateKey k = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(k.getParametersObject());
        java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
        params.init(new java.security.spec.ECGenParameterSpec(curve.getId()));
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(k.getKey(),
                params.getParameterSpec(java.security.spec.ECParameterSpec.class)));
    }

    private static PrivateKey dsa(byte[] der) throws GeneralSecurityException {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        if (seq.size() != 6) {
            throw new GeneralSecurityException("DSA key is not six integers");
        }
        BigInteger[] v = new BigInteger[6];
        for (int i = 0; i < 6; i++) {
            v[i] = ASN1Integer.getInstance(seq.getObjectAt(i)).getValue();
        }
        return KeyFactory.getInstance("DSA").generatePrivate(new DSAPrivateKeySpec(v[5], v[1], v[2], v[3]));
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PrivateKeyInfo.getInstance(der);
        for (String algorithm : PKCS8_ALGORITHMS) {
            try {
                PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                if (key instanceof java.security.interfaces.RSAPrivateCrtKey) {
                    java.security.interfaces.RSAPrivateCrtKey k = (java.security.interfaces.RSAPrivateCrtKey) key;
                    if (!KeyMath.rsaConsistent(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                            k.getPrimeP(), k.getPrimeQ())) {
                        throw new GeneralSecurityException("inconsistent RSA key");
                    }
                }
                return key;
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("not an Ed25519, EC, RSA or DSA PKCS#8 key");
    }

    private static PrivateKey encryptedPkcs8(byte[] der, char[] passphrase, Position at) throws GeneralSecurityException {
        PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(
                org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(der));
        Pbkdf2Cap.check(info.getEncryptionAlgorithm(), at);
        if (!Passphrases.present(passphrase)) {
            throw new WrongPassphraseException(at, "the private key is encrypted (PKCS#8); a passphrase is needed");
        }
        byte[] plain;
        try {
            plain = info.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(provider()).build(passphrase)).getEncoded();
        } catch (Exception e) {
            throw new WrongPassphraseException(at, "wrong passphrase for the private key");
        }
        try {
            return pkcs8(plain);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new WrongPassphraseException(at, "wrong passphrase for the private key");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The PKCS#8 PEM text of a key, encrypted (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) when a passphrase is given. */
    public static String writePkcs8(PrivateKey key, char[] passphrase, SecureRandom random) {
        byte[] der = key.getEncoded();
        try {
            if (!Passphrases.present(passphrase)) {
                return Pem.encode("PRIVATE KEY", der);
            }
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(
                    org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                    .setPRF(org.bouncycastle.openssl.PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(PBKDF2_ITERATIONS).setRandom(random).setProvider(provider())
                    .setPassword(passphrase).build();
            byte[] encrypted = new PKCS8EncryptedPrivateKeyInfoBuilder(PrivateKeyInfo.getInstance(der))
                    .build(encryptor).getEncoded();
            return Pem.encode("ENCRYPTED PRIVATE KEY", encrypted);
        } catch (Exception e) {
            throw new IllegalStateException("could not encrypt a PKCS#8 key", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static Provider provider() {
        return new BouncyCastleProvider();
    }
}
