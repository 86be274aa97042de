package dev.bulwark.pki;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.EncryptedKeys;
import dev.bulwark.pki.internal.PemBlock;
import dev.bulwark.pki.internal.PemReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * PEM (RFC 7468) encoding and strict decoding of certificates, chain bundles, CRLs, requests and
 * keys. Private keys are PKCS#8 ({@code PRIVATE KEY}), or encrypted PKCS#8 ({@code ENCRYPTED
 * PRIVATE KEY}: PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256). Decoding errors are {@link ParseException}s
 * with the line; private key material is never quoted.
 */
public final class Pem {

    private Pem() {
    }

    /**
     * Encodes an {@link X509Certificate} ({@code CERTIFICATE}), an {@link X509CRL} ({@code X509 CRL}), a
     * {@link PrivateKey} (PKCS#8 {@code PRIVATE KEY}), a {@link PublicKey} ({@code PUBLIC KEY}), a
     * {@link CertificateRequest}, or a collection of certificates (a chain bundle, in order).
     */
    public static String encode(Object value) {
        if (value instanceof Collection<?>) {
            StringBuilder out = new StringBuilder();
            for (Object item : (Collection<?>) value) {
                if (!(item instanceof X509Certificate)) {
                    throw new ValidationException("a PEM bundle holds certificates only, not " + typeName(item));
                }
                out.append(encode(item));
            }
            return out.toString();
        }
        if (value instanceof CertificateRequest) {
            return ((CertificateRequest) value).toPem();
        }
        return PemReader.write(Der.label(value), Der.encode(value));
    }

    /** Encodes a private key as encrypted PKCS#8; the passphrase is not kept (the caller wipes theirs). */
    public static String encodeEncrypted(PrivateKey key, char[] passphrase) {
        return PemReader.write("ENCRYPTED PRIVATE KEY", EncryptedKeys.encrypt(key, passphrase));
    }

    /** The single certificate in the text. */
    public static X509Certificate parseCertificate(String pem, String source) {
        PemBlock block = PemReader.single(pem, source, List.of("CERTIFICATE"));
        return Der.certificate(block.der(), block.position());
    }

    /** All certificates in the text (a chain bundle), in order; at least one. */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        List<X509Certificate> out = new ArrayList<>();
        for (PemBlock block : PemReader.read(pem, source)) {
            if (block.label().equals("CERTIFICATE")) {
                out.add(Der.certificate(block.der(), block.position()));
            }
        }
        if (out.isEmpty()) {
            throw new ParseException(Position.of(source, 1), "no CERTIFICATE block found");
        }
        return out;
    }

    /** The single CRL in the text. */
    public static X509CRL parseCrl(String pem, String source) {
        PemBlock block = PemReader.single(pem, source, List.of("X509 CRL"));
        return Der.crl(block.der(), block.position());
    }

    /** The single unencrypted PKCS#8 private key in the text. */
    public static PrivateKey parsePrivateKey(String pem, String source) {
        PemBlock block = PemReader.single(pem, source, List.of("PRIVATE KEY"));
        return Der.privateKey(block.der(), block.position());
    }

    /** The single encrypted PKCS#8 private key in the text, decrypted with the passphrase. */
    public static PrivateKey parseEncryptedPrivateKey(String pem, String source, char[] passphrase) {
        PemBlock block = PemReader.single(pem, source, List.of("ENCRYPTED PRIVATE KEY"));
        byte[] pkcs8 = EncryptedKeys.decrypt(block.der(), passphrase, block.position());
        try {
            return Der.privateKey(pkcs8, block.position());
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
