package dev.bulwark.pki.acme.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * tls-alpn-01 (RFC 8737): a TLS handshake with an allowed address on the configured port, SNI the
 * name and ALPN {@code acme-tls/1} only; the self-signed certificate presented must name exactly
 * that DNS name and carry the critical acmeIdentifier extension (1.3.6.1.5.5.7.1.31) holding the
 * SHA-256 digest of the key authorization. The certificate is inspected, never trusted. Not API.
 */
final class TlsAlpn01 {

    static final String ACME_TLS = "acme-tls/1";
    static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

    private TlsAlpn01() {
    }

    static void validate(Validator validator, Identifier identifier, String keyAuthorization) {
        String name = identifier.value();
        List<InetAddress> addresses = validator.targets(identifier);
        Exception last = null;
        for (InetAddress address : addresses) {
            X509Certificate certificate;
            try {
                certificate = handshake(validator, address, name);
            } catch (IOException | GeneralSecurityException e) {
                last = e;
                continue;
            }
            check(certificate, name, keyAuthorization);
            return;
        }
        throw Problem.of("tls", 400, "tls-alpn-01: no acme-tls/1 handshake with " + name + ": "
                + (last == null ? "no address" : last.getMessage()));
    }

    private static X509Certificate handshake(Validator validator, InetAddress address, String name)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new InspectOnly()}, null);
        try (Socket plain = new Socket()) {
            plain.connect(validator.tls(address), validator.timeoutMillis());
            plain.setSoTimeout(validator.timeoutMillis());
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, name, validator.tls(address).getPort(), false)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(name)));
                parameters.setApplicationProtocols(new String[] {ACME_TLS});
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                if (!ACME_TLS.equals(socket.getApplicationProtocol())) {
                    throw Problem.of("tls", 400, "tls-alpn-01: " + name + " did not negotiate ALPN acme-tls/1");
                }
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        }
    }

    private static void check(X509Certificate certificate, String name, String keyAuthorization) {
        Collection<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw Problem.unauthorized("tls-alpn-01: the certificate's subjectAltName cannot be read");
        }
        if (sans == null || sans.size() != 1) {
            throw Problem.unauthorized("tls-alpn-01: the certificate must have exactly one subjectAltName, " + name);
        }
        List<?> san = sans.iterator().next();
        if (!Integer.valueOf(2).equals(san.get(0)) || !name.equalsIgnoreCase(String.valueOf(san.get(1)))) {
            throw Problem.unauthorized("tls-alpn-01: the certificate's subjectAltName is not the DNS name " + name);
        }
        if (certificate.getCriticalExtensionOIDs() == null || !certificate.getCriticalExtensionOIDs().contains(ACME_IDENTIFIER_OID)) {
            throw Problem.unauthorized("tls-alpn-01: the certificate has no critical acmeIdentifier extension");
        }
        byte[] digest = Validator.sha256(keyAuthorization);
        byte[] expected = new byte[4 + digest.length];
        expected[0] = 0x04;           // extnValue OCTET STRING
        expected[1] = 0x22;
        expected[2] = 0x04;           // Authorization ::= OCTET STRING (SIZE (32))
        expected[3] = 0x20;
        System.arraycopy(digest, 0, expected, 4, digest.length);
        if (!Arrays.equals(expected, certificate.getExtensionValue(ACME_IDENTIFIER_OID))) {
            throw Problem.of("incorrectResponse", 403, "tls-alpn-01: the acmeIdentifier is not the digest of the key authorization");
        }
    }

    /** Accepts any certificate for the handshake: tls-alpn-01 inspects it instead of trusting it, and an https
     * redirect of http-01 checks the token it serves, not the certificate (as Let's Encrypt does). */
    static final class InspectOnly extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
