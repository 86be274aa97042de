package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual-TLS {@link SSLContext}s from an issued identity and a trust anchor: the server presents its
 * chain and demands a client certificate from the same CA hierarchy, the client presents its own.
 * With CRLs given, peers are checked against them (PKIX revocation checking with the CRLs as a
 * {@link CertStore}, no network fetches, no fallback: a chain whose CRLs are missing fails).
 *
 * <pre>{@code
 * MutualTls tls = MutualTls.of(serverIdentity, root.certificate()).withCrls(List.of(root.crl()));
 * SSLServerSocket socket = (SSLServerSocket) tls.serverContext().getServerSocketFactory().createServerSocket(0);
 * socket.setSSLParameters(tls.serverParameters());
 * }</pre>
 *
 * @param identity     the certificate and key this side presents
 * @param trustAnchors the CA certificates peers must chain to
 * @param crls         CRLs to check peers against; empty turns revocation checking off
 */
public record MutualTls(IssuedCertificate identity, List<X509Certificate> trustAnchors, List<X509CRL> crls) {

    /** TLS 1.3 only. */
    public static final String PROTOCOL = "TLSv1.3";

    /** Validates and copies the components. */
    public MutualTls {
        Objects.requireNonNull(identity, "identity");
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
        if (trustAnchors.isEmpty()) {
            throw new ValidationException("trustAnchors must not be empty");
        }
    }

    /** Mutual TLS trusting one anchor (usually the root CA's certificate), without revocation checking. */
    public static MutualTls of(IssuedCertificate identity, X509Certificate trustAnchor) {
        return new MutualTls(identity, List.of(trustAnchor), List.of());
    }

    /** A copy that checks peers against these CRLs (one per CA in the peers' chains). */
    public MutualTls withCrls(List<X509CRL> newCrls) {
        return new MutualTls(identity, trustAnchors, newCrls);
    }

    /** A context for servers; use with {@link #serverParameters()} to demand client certificates. */
    public SSLContext serverContext() {
        return context();
    }

    /** A context for clients; use with {@link #clientParameters()} to verify the server's name. */
    public SSLContext clientContext() {
        return context();
    }

    /** TLS 1.3 only and a client certificate required. */
    public SSLParameters serverParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        parameters.setNeedClientAuth(true);
        return parameters;
    }

    /** TLS 1.3 only and the server's name checked against its certificate (endpoint identification). */
    public SSLParameters clientParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {PROTOCOL});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private SSLContext context() {
        char[] password = new char[] {'x'};
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(Pkcs12.keyStore(identity, password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            KeyStore anchors = Pkcs12.trustStore(trustAnchors);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
            if (crls.isEmpty()) {
                parameters.setRevocationEnabled(false);
            } else {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX").getRevocationChecker();
                checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                        PKIXRevocationChecker.Option.NO_FALLBACK));
                parameters.addCertPathChecker(checker);
                parameters.addCertStore(CertStore.getInstance("Collection",
                        new CollectionCertStoreParameters(new ArrayList<>(crls))));
                parameters.setRevocationEnabled(false);
            }
            trust.init(new CertPathTrustManagerParameters(parameters));
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context", e);
        }
    }

    @Override
    public String toString() {
        return "MutualTls[" + identity + ", anchors " + trustAnchors.size() + ", crls " + crls.size() + "]";
    }

}
