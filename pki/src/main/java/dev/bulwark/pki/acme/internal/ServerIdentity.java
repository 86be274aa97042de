package dev.bulwark.pki.acme.internal;

import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The ACME server's own TLS identity, issued by its CA at start and renewed while the server runs:
 * once two thirds of the certificate's lifetime have passed, a new certificate (new key) is issued
 * and swapped into the one {@link SSLContext} the server listens with — new handshakes present it,
 * connections in progress keep theirs. A failed renewal is logged and retried after a tenth of the
 * lifetime (at least a second). Not API.
 */
public final class ServerIdentity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerIdentity.class);

    private final CertificateAuthority issuer;
    private final List<String> names;
    private final Duration validity;
    private final Swapping keyManager = new Swapping();
    private final SSLContext context;
    private final ScheduledExecutorService scheduler;
    private volatile IssuedCertificate current;
    private int generation;

    private ServerIdentity(CertificateAuthority issuer, List<String> names, Duration validity) {
        this.issuer = issuer;
        this.names = List.copyOf(names);
        this.validity = validity;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is missing from the JDK", e);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "acme-server-certificate");
            t.setDaemon(true);
            return t;
        });
    }

    /** Issues the first certificate (a refusal of the CA is thrown) and schedules its renewal. */
    public static ServerIdentity start(CertificateAuthority issuer, List<String> names, Duration validity) {
        ServerIdentity identity = new ServerIdentity(issuer, names, validity);
        identity.renew();
        return identity;
    }

    /** The context to listen with; its key manager always presents the current certificate. */
    public SSLContext sslContext() {
        return context;
    }

    /** The certificate presented now. */
    public IssuedCertificate current() {
        return current;
    }

    private synchronized void renew() {
        IssuedCertificate next = issuer.issueServer(names, validity);
        keyManager.install("acme-" + (++generation), next);
        current = next;
        schedule(validity.multipliedBy(2).dividedBy(3));
        LOG.debug("ACME server certificate {} for {} until {}", next.certificate().getSerialNumber().toString(16), names,
                next.certificate().getNotAfter());
    }

    private void schedule(Duration delay) {
        scheduler.schedule(() -> {
            try {
                renew();
            } catch (RuntimeException e) {
                Duration retry = validity.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : validity.dividedBy(10);
                LOG.warn("renewing the ACME server's certificate for {} failed; retrying in {}", names, retry, e);
                schedule(retry);
            }
        }, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * Presents the newest certificate; a handshake that chose an alias just before a swap still finds
     * that alias's key and chain (the two newest generations are kept), so key and chain always match.
     */
    private static final class Swapping extends X509ExtendedKeyManager {
        private volatile X509ExtendedKeyManager newest;
        private volatile Map<String, X509ExtendedKeyManager> recent = Map.of();

        void install(String alias, IssuedCertificate identity) {
            X509ExtendedKeyManager manager = build(alias, identity);
            Map<String, X509ExtendedKeyManager> kept = new LinkedHashMap<>();
            kept.put(alias, manager);
            X509ExtendedKeyManager previous = newest;
            if (previous != null) {
                recent.entrySet().stream().filter(e -> e.getValue() == previous).findFirst()
                        .ifPresent(e -> kept.put(e.getKey(), e.getValue()));
            }
            recent = Map.copyOf(kept);
            newest = manager;
        }

        private static X509ExtendedKeyManager build(String alias, IssuedCertificate identity) {
            try {
                char[] password = new char[0];
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry(alias, identity.privateKey(), password, identity.chain().toArray(new X509Certificate[0]));
                // SunX509: aliases are the key store's own, so a chosen alias names one generation
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
                kmf.init(keyStore, password);
                return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build the server's key manager", e);
            }
        }

        private X509ExtendedKeyManager of(String alias) {
            X509ExtendedKeyManager manager = alias == null ? null : recent.get(alias);
            return manager != null ? manager : newest;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return newest.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return newest.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return of(alias).getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return of(alias).getPrivateKey(alias);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return newest.getServerAliases(keyType, issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
