package dev.bulwark.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * The front door of Bulwark's pki module: static methods that lead to the rest (certificate
 * authorities, stores, requests, TLS contexts). Type {@code Pki.} and press Tab in JShell to see
 * what you can do.
 *
 * <pre>{@code
 * CertificateAuthority root = Pki.createRoot("CN=Example Root").withPolicy(Pki.policy().allowDnsSuffix("example.com").build());
 * IssuedCertificate web = root.issueServer(List.of("web.example.com"), Duration.ofDays(90));
 * String pem = Pki.pem(web.certificate()) + Pki.pem(web.privateKey());
 * }</pre>
 */
public final class Pki {

    private Pki() {
    }

    /** A new root CA with an EC P-256 key, valid 10 years. */
    public static CertificateAuthority createRoot(String subjectDn) {
        return CertificateAuthority.createRoot(subjectDn);
    }

    /** A new root CA with the given key type and validity. */
    public static CertificateAuthority createRoot(String subjectDn, KeyAlgorithm keyAlgorithm, Duration validity) {
        return CertificateAuthority.createRoot(subjectDn, keyAlgorithm, validity);
    }

    /** A builder for an intermediate CA ({@link CertificateAuthority#createIntermediate(IntermediateSpec)}). */
    public static IntermediateSpec.Builder intermediate(String subjectDn) {
        return IntermediateSpec.builder(subjectDn);
    }

    /** A builder for the policy a CA signs leaves under ({@link CertificateAuthority#withPolicy(CaPolicy)}); a new CA signs nothing until given one. */
    public static CaPolicy.Builder policy() {
        return CaPolicy.builder();
    }

    /** Writes the CA into a new store directory, its key encrypted with the passphrase. */
    public static CaStore createStore(Path directory, CertificateAuthority ca, char[] passphrase) throws IOException {
        return CaStore.create(directory, ca, passphrase);
    }

    /** Opens a store directory with the passphrase. */
    public static CaStore openStore(Path directory, char[] passphrase) throws IOException {
        return CaStore.open(directory, passphrase);
    }

    /** Parses and verifies a PEM certificate signing request. */
    public static CertificateRequest parseRequest(String pem) {
        return CertificateRequest.parse(pem);
    }

    /** Mutual-TLS contexts for an identity that trusts the given anchor. */
    public static MutualTls mutualTls(IssuedCertificate identity, X509Certificate trustAnchor) {
        return MutualTls.of(identity, trustAnchor);
    }

    /** An OCSP responder for the certificates the CA issued. */
    public static OcspResponder ocspResponder(CertificateAuthority ca) {
        return OcspResponder.of(ca);
    }

    /**
     * A builder for an ACME server (RFC 8555) in front of the store's CA, signing under this policy:
     * {@code Pki.acmeServer(store, policy).port(8443).start()} serves
     * {@code https://localhost:8443/acme/directory}. See {@link dev.bulwark.pki.acme.AcmeServer}.
     */
    public static dev.bulwark.pki.acme.AcmeServer.Builder acmeServer(CaStore store, CaPolicy policy) {
        return dev.bulwark.pki.acme.AcmeServer.builder(store, policy);
    }

    /** PEM text of a certificate, CRL, key (PKCS#8), request or certificate bundle. */
    public static String pem(Object value) {
        return Pem.encode(value);
    }
}
