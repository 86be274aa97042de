package dev.bulwark.pki;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PKCS#12 (<a href="https://www.rfc-editor.org/rfc/rfc7292">RFC 7292</a>) files for Java keystores, browsers and most servers, written by the JDK with its modern
 * defaults (PBES2 AES-256 and an HMAC-SHA-256 MAC, no RC2, 3DES or SHA-1). Also the
 * {@link KeyStore} objects behind {@link MutualTls}.
 */
public final class Pkcs12 {

    /** The alias of the key entry written. */
    public static final String ALIAS = "bulwark";

    private Pkcs12() {
    }

    /** The PKCS#12 bytes holding the identity's key and chain, protected by the password. */
    public static byte[] encode(IssuedCertificate identity, char[] password) {
        KeyStore store = keyStore(identity, password);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write a PKCS#12 keystore", e);
        }
    }

    /** The identity (first key entry) in PKCS#12 bytes; a wrong password or bad input is a ParseException. */
    public static IssuedCertificate decode(byte[] pkcs12, char[] password) {
        Position at = Position.of("<pkcs12>", 1);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) c);
                    }
                    return IssuedCertificate.of((PrivateKey) key, chain);
                }
            }
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (e instanceof ValidationException) {
                throw (ValidationException) e;
            }
            throw new ParseException(at, "cannot read the PKCS#12 data (wrong password or damaged file)");
        }
        throw new ParseException(at, "the PKCS#12 data holds no private key entry");
    }

    /** An in-memory PKCS12 key store holding the identity under {@link #ALIAS}. */
    public static KeyStore keyStore(IssuedCertificate identity, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, identity.privateKey(), password,
                    identity.chain().toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS#12 keystore", e);
        }
    }

    /** An in-memory PKCS12 trust store holding the certificates as trusted entries. */
    public static KeyStore trustStore(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("anchor-" + i++, anchor);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a PKCS#12 trust store", e);
        }
    }
}
