package dev.bulwark.pki.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo): PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256,
 * {@value #ITERATIONS} iterations (OWASP's 2023 figure), a fresh random salt. Passphrase copies are
 * wiped after use. Not API.
 */
public final class EncryptedKeys {

    /** PBKDF2 iterations for new keys. */
    public static final int ITERATIONS = 600_000;

    private EncryptedKeys() {
    }

    /** The DER EncryptedPrivateKeyInfo of the key. */
    public static byte[] encrypt(PrivateKey key, char[] passphrase) {
        char[] copy = passphrase.clone();
        byte[] pkcs8 = null;
        try {
            requireStrong(copy);
            OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(ITERATIONS)
                    .setPassword(copy)
                    .setProvider(Providers.BC)
                    .build();
            pkcs8 = key.getEncoded();
            return new PKCS8Generator(PrivateKeyInfo.getInstance(pkcs8), encryptor).generate().getContent();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot encrypt a private key with AES-256/PBKDF2-HMAC-SHA256", e);
        } finally {
            Arrays.fill(copy, '\0');
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    /** The DER PKCS#8 of the decrypted key; a wrong passphrase or malformed input is a ParseException. */
    public static byte[] decrypt(byte[] der, char[] passphrase, Position at) {
        char[] copy = passphrase.clone();
        try {
            PKCS8EncryptedPrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(der);
            return info.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Providers.BC).build(copy)).getEncoded();
        } catch (Exception e) {
            // no cause and no quote: nothing about the key or passphrase may leak
            throw new ParseException(at, "cannot decrypt the private key (wrong passphrase or damaged file)");
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    private static void requireStrong(char[] passphrase) {
        if (passphrase.length < 8) {
            throw new dev.bulwark.core.ValidationException("the passphrase has " + passphrase.length
                    + " characters; use at least 8 (a generated passphrase of 20 or more is better)");
        }
    }
}
