package dev.bulwark.ssh.internal.key;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** The ciphers ssh-keygen can protect an {@code openssh-key-v1} file with (see {@code ssh-keygen -Z}). Not API. */
public enum OpenSshCipher {
    /** No encryption. */
    NONE("none", 0, 0, 8, 0),
    /** AES-128 in CTR mode. */
    AES128_CTR("aes128-ctr", 16, 16, 16, 0),
    /** AES-192 in CTR mode. */
    AES192_CTR("aes192-ctr", 24, 16, 16, 0),
    /** AES-256 in CTR mode, OpenSSH's default. */
    AES256_CTR("aes256-ctr", 32, 16, 16, 0),
    /** AES-128 in CBC mode. */
    AES128_CBC("aes128-cbc", 16, 16, 16, 0),
    /** AES-192 in CBC mode. */
    AES192_CBC("aes192-cbc", 24, 16, 16, 0),
    /** AES-256 in CBC mode. */
    AES256_CBC("aes256-cbc", 32, 16, 16, 0),
    /** AES-128 GCM. */
    AES128_GCM("aes128-gcm@openssh.com", 16, 12, 16, 16),
    /** AES-256 GCM. */
    AES256_GCM("aes256-gcm@openssh.com", 32, 12, 16, 16),
    /** ChaCha20-Poly1305 as OpenSSH defines it (PROTOCOL.chacha20poly1305). */
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", 64, 0, 8, 16);

    private final String wireName;
    private final int keyLength;
    private final int ivLength;
    private final int blockSize;
    private final int tagLength;

    OpenSshCipher(String wireName, int keyLength, int ivLength, int blockSize, int tagLength) {
        this.wireName = wireName;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.tagLength = tagLength;
    }

    /** The cipher with this name. */
    public static Optional<OpenSshCipher> forName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    /** The name in the key file. */
    public String wireName() {
        return wireName;
    }

    /** Bytes of key plus IV the KDF must produce. */
    public int keyAndIvLength() {
        return keyLength + ivLength;
    }

    /** The block size the private section is padded to. */
    public int blockSize() {
        return blockSize;
    }

    /** The length of the authentication tag that follows the encrypted section (0 when none). */
    public int tagLength() {
        return tagLength;
    }

    /**
     * Encrypts ({@code encrypt}) or decrypts {@code input}; for AEAD ciphers the tag follows the
     * ciphertext in both the output of encryption and the input of decryption.
     *
     * @return the result, or empty when an AEAD tag does not verify (a wrong passphrase)
     */
    public Optional<byte[]> apply(boolean encrypt, byte[] keyAndIv, byte[] input) {
        byte[] key = Arrays.copyOfRange(keyAndIv, 0, keyLength);
        byte[] iv = Arrays.copyOfRange(keyAndIv, keyLength, keyLength + ivLength);
        try {
            switch (this) {
                case NONE:
                    return Optional.of(input.clone());
                case CHACHA20_POLY1305:
                    return chachaPoly(encrypt, key, input);
                case AES128_GCM:
                case AES256_GCM:
                    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
                    gcm.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                            new GCMParameterSpec(tagLength * 8, iv));
                    return Optional.of(gcm.doFinal(input));
                default:
                    Cipher aes = Cipher.getInstance(wireName.endsWith("ctr") ? "AES/CTR/NoPadding" : "AES/CBC/NoPadding");
                    aes.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                            new IvParameterSpec(iv));
                    return Optional.of(aes.doFinal(input));
            }
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused " + wireName, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Optional<byte[]> chachaPoly(boolean encrypt, byte[] key, byte[] input) {
        byte[] mainKey = Arrays.copyOfRange(key, 0, 32);
        ChaChaEngine chacha = new ChaChaEngine();
        chacha.init(true, new ParametersWithIV(new KeyParameter(mainKey), new byte[8]));
        byte[] block0 = new byte[64];
        chacha.processBytes(new byte[64], 0, 64, block0, 0);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(block0, 0, 32));
        Arrays.fill(block0, (byte) 0);
        Arrays.fill(mainKey, (byte) 0);
        int length = encrypt ? input.length : input.length - 16;
        if (length < 0) {
            return Optional.empty();
        }
        byte[] out = new byte[encrypt ? length + 16 : length];
        chacha.processBytes(input, 0, length, out, 0);
        byte[] ciphertext = encrypt ? out : input;
        poly.update(ciphertext, 0, length);
        byte[] tag = new byte[16];
        poly.doFinal(tag, 0);
        if (encrypt) {
            System.arraycopy(tag, 0, out, length, 16);
            return Optional.of(out);
        }
        if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(input, length, input.length))) {
            Arrays.fill(out, (byte) 0);
            return Optional.empty();
        }
        return Optional.of(out);
    }
}
