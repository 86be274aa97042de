package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.key.WrongPassphraseException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenSSL's legacy PEM encryption ({@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info}), as
 * {@code ssh-keygen -m PEM} writes it: EVP_BytesToKey with MD5 and one iteration. Read only. Not API.
 */
final class LegacyPemEncryption {

    private LegacyPemEncryption() {
    }

    /** Whether the block is encrypted this way. */
    static boolean isEncrypted(Pem pem) {
        return pem.headers().getOrDefault("Proc-Type", "").replace(" ", "").equals("4,ENCRYPTED");
    }

    /** The decrypted body; throws {@link WrongPassphraseException} when it cannot be decrypted. */
    static byte[] decrypt(Pem pem, char[] passphrase, Position at) {
        String dek = pem.headers().getOrDefault("DEK-Info", "");
        int comma = dek.indexOf(',');
        if (comma < 0) {
            throw new ParseException(at, "encrypted PEM key without a valid DEK-Info header");
        }
        String algorithm = dek.substring(0, comma).strip().toUpperCase(Locale.ROOT);
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dek.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new ParseException(at, "DEK-Info IV is not hexadecimal");
        }
        int keyLength;
        String transformation;
        String keyAlgorithm = "AES";
        switch (algorithm) {
            case "AES-128-CBC":
                keyLength = 16;
                transformation = "AES/CBC/PKCS5Padding";
                break;
            case "AES-192-CBC":
                keyLength = 24;
                transformation = "AES/CBC/PKCS5Padding";
                break;
            case "AES-256-CBC":
                keyLength = 32;
                transformation = "AES/CBC/PKCS5Padding";
                break;
            case "DES-EDE3-CBC":
                keyLength = 24;
                transformation = "DESede/CBC/PKCS5Padding";
                keyAlgorithm = "DESede";
                break;
            default:
                throw new ParseException(at, "unsupported PEM encryption", algorithm);
        }
        int blockSize = keyAlgorithm.equals("AES") ? 16 : 8;
        if (iv.length != blockSize || pem.body().length % blockSize != 0 || pem.body().length == 0) {
            throw new ParseException(at, "encrypted PEM key has a malformed IV or body length");
        }
        if (!Passphrases.present(passphrase)) {
            throw new WrongPassphraseException(at, "the private key is encrypted (" + algorithm + "); a passphrase is needed");
        }
        byte[] key = bytesToKey(passphrase, Arrays.copyOf(iv, 8), keyLength);
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlgorithm), new IvParameterSpec(iv));
            return cipher.doFinal(pem.body());
        } catch (BadPaddingException e) {
            throw new WrongPassphraseException(at, "wrong passphrase for the private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused " + transformation, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] bytesToKey(char[] passphrase, byte[] salt, int length) {
        byte[] pass = Passphrases.utf8(passphrase);
        byte[] out = new byte[length];
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] previous = new byte[0];
            for (int filled = 0; filled < length; ) {
                md5.update(previous);
                md5.update(pass);
                md5.update(salt);
                previous = md5.digest();
                int n = Math.min(previous.length, length - filled);
                System.arraycopy(previous, 0, out, filled, n);
                filled += n;
            }
            Arrays.fill(previous, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }
}
