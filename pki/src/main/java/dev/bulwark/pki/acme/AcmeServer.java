package dev.bulwark.pki.acme;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.acme.internal.AcmeContext;
import dev.bulwark.pki.acme.internal.AcmeProtocol;
import dev.bulwark.pki.acme.internal.AcmeStore;
import dev.bulwark.pki.acme.internal.HttpFront;
import dev.bulwark.pki.acme.internal.Nonces;
import dev.bulwark.pki.acme.internal.RateLimiter;
import dev.bulwark.pki.acme.internal.ServerIdentity;
import dev.bulwark.pki.acme.internal.Validator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.net.ssl.SSLParameters;

/**
 * An ACME server (RFC 8555, with RFC 8737 tls-alpn-01, RFC 8738 IP identifiers and RFC 9773
 * renewal information) in front of a {@link CaStore}: one more issuance path of the CA, under the
 * same {@link CaPolicy}, name constraints and key checks as every other. It serves HTTPS with a
 * certificate its own CA issues for {@link Builder#serverNames(List) the server's names}; the
 * directory is at {@code https://NAME:PORT/acme/directory} ({@link #directoryUrl()}). Its state
 * (accounts, orders, authorizations) lives in the store directory under {@code acme/}, so orders
 * survive a restart and several servers can share one store.
 *
 * <pre>{@code
 * CaStore store = CaStore.open(dir, passphrase);
 * CaPolicy policy = CaPolicy.builder().allowDnsSuffix("example.internal").maxValidity(Duration.ofDays(30)).build();
 * try (AcmeServer acme = Pki.acmeServer(store, policy).serverNames(List.of("acme.example.internal"))
 *         .port(8443).validationNetworks(List.of(IpNetwork.parse("10.0.0.0/8"))).start()) {
 *     System.out.println(acme.directoryUrl());   // https://acme.example.internal:8443/acme/directory
 * }
 * }</pre>
 */
public final class AcmeServer implements AutoCloseable {

    /** The path of the directory resource. */
    public static final String DIRECTORY_PATH = "/acme/directory";

    private final HttpsServer server;
    private final ExecutorService requests;
    private final ExecutorService validations;
    private final URI directory;
    private final ServerIdentity identity;
    private final CertificateAuthority ca;

    private AcmeServer(HttpsServer server, ExecutorService requests, ExecutorService validations, URI directory,
                       ServerIdentity identity, CertificateAuthority ca) {
        this.server = server;
        this.requests = requests;
        this.validations = validations;
        this.directory = directory;
        this.identity = identity;
        this.ca = ca;
    }

    /** A builder for a server over this store, signing under this policy. */
    public static Builder builder(CaStore store, CaPolicy policy) {
        return new Builder(store, policy);
    }

    /** {@code https://NAME:PORT/acme/directory}, NAME the first of the server's names. */
    public URI directoryUrl() {
        return directory;
    }

    /** The port the server listens on (the one chosen when the builder said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The server's TLS certificate chain (leaf first), issued by the store's CA: the one presented
     * now (the server renews it while it runs, see {@link Builder#serverCertificateValidity(Duration)}).
     */
    public List<X509Certificate> certificateChain() {
        return identity.current().chain();
    }

    /** The root a client trusts to reach this server and to verify what it issues. */
    public X509Certificate trustAnchor() {
        return ca.root();
    }

    /** Stops listening, finishes the requests in progress (at most a few seconds) and stops validating. */
    @Override
    public void close() {
        server.stop(1);
        identity.close();
        requests.shutdown();
        validations.shutdownNow();
        try {
            requests.awaitTermination(5, TimeUnit.SECONDS);
            validations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AcmeServer[" + directory + "]";
    }

    /** The challenge types the server offers. */
    public enum ChallengeType {
        /** RFC 8555 §8.3: a file served over HTTP. */
        HTTP_01("http-01"),
        /** RFC 8555 §8.4: a TXT record at {@code _acme-challenge.NAME}. */
        DNS_01("dns-01"),
        /** RFC 8737: a certificate presented with ALPN {@code acme-tls/1}. */
        TLS_ALPN_01("tls-alpn-01");

        private final String wireName;

        ChallengeType(String wireName) {
            this.wireName = wireName;
        }

        /** The name in ACME messages, e.g. {@code http-01}. */
        public String wireName() {
            return wireName;
        }
    }

    /** Builds and starts an {@link AcmeServer}; every setter states its default. */
    public static final class Builder {
        private final CaStore store;
        private final CaPolicy policy;
        private List<String> serverNames = List.of("localhost");
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 443;
        private Duration certificateValidity = Duration.ofDays(90);
        private Duration orderLifetime = Duration.ofDays(7);
        private Set<ChallengeType> challenges = EnumSet.allOf(ChallengeType.class);
        private AcmeResolver resolver = AcmeResolver.system();
        private List<IpNetwork> validationNetworks;
        private int httpPort = 80;
        private int tlsAlpnPort = 443;
        private Duration validationTimeout = Duration.ofSeconds(10);
        private final Map<String, SecretKey> externalAccountKeys = new LinkedHashMap<>();
        private int ordersPerAccount = 300;
        private Duration rateWindow = Duration.ofHours(3);
        private int threads = 16;
        private int validationThreads = 16;
        private int nonceCapacity = 100_000;
        private URI publicUrl;
        private Duration serverCertificateValidity = Duration.ofDays(90);

        private Builder(CaStore store, CaPolicy policy) {
            this.store = Objects.requireNonNull(store, "store");
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** The server's own DNS names or IP addresses, in its TLS certificate; the first is in its URLs; default {@code localhost}. */
        public Builder serverNames(List<String> names) {
            this.serverNames = List.copyOf(names);
            return this;
        }

        /**
         * Where clients reach the server ({@code https://host[:port]}, no path), when that is not
         * {@code https://FIRST-NAME:PORT}: behind a port forward or a load balancer that spreads
         * clients over several servers on one store. Every URL the server hands out and every JWS
         * {@code url} it accepts starts with it. Default: {@code https://FIRST-NAME:PORT}.
         */
        public Builder publicUrl(URI url) {
            if (!"https".equals(url.getScheme()) || url.getHost() == null || url.getRawPath() != null && !url.getRawPath().isEmpty()
                    || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
                throw new ValidationException("publicUrl " + url + " must be https://host[:port] without path, query or user");
            }
            this.publicUrl = url;
            return this;
        }

        /**
         * How long the server's own TLS certificate (issued by its CA for {@link #serverNames}) is
         * valid; default 90 days. The server renews it, with a new key, once two thirds of that have
         * passed, and presents the new one from the next handshake on: it never runs with an expired
         * certificate however long it runs.
         */
        public Builder serverCertificateValidity(Duration validity) {
            this.serverCertificateValidity = Objects.requireNonNull(validity, "serverCertificateValidity");
            return this;
        }

        /** The address to listen on; default the loopback address. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bindAddress");
            return this;
        }

        /** The HTTPS port; 0 picks a free one; default 443. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * How long issued certificates are valid; default 90 days. Short-lived certificates (say
         * {@code Duration.ofDays(6)} or {@code Duration.ofHours(48)}) are a first-class choice:
         * renewal information then tells clients to renew after two thirds of that.
         */
        public Builder certificateValidity(Duration validity) {
            this.certificateValidity = validity;
            return this;
        }

        /** How long an order and its authorizations stay usable; default 7 days. */
        public Builder orderLifetime(Duration lifetime) {
            this.orderLifetime = lifetime;
            return this;
        }

        /** The challenge types offered; default all three. */
        public Builder challenges(Set<ChallengeType> types) {
            this.challenges = types.isEmpty() ? EnumSet.noneOf(ChallengeType.class) : EnumSet.copyOf(types);
            return this;
        }

        /** How names are resolved for validation; default {@link AcmeResolver#system()}. */
        public Builder resolver(AcmeResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The only addresses validation may contact. Default: the policy's IP ranges without
         * loopback, link-local, multicast and unspecified addresses (so a policy with DNS suffixes
         * only validates nothing until told where its servers are). List loopback here to validate
         * against servers on this machine (tests).
         */
        public Builder validationNetworks(List<IpNetwork> networks) {
            this.validationNetworks = List.copyOf(networks);
            return this;
        }

        /** The port http-01 connects to, also for an http redirect to port 80 or to this port; default 80. */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /**
         * The port tls-alpn-01 connects to, also for an https redirect of http-01 to port 443 or to
         * this port; default 443.
         */
        public Builder tlsAlpnPort(int port) {
            this.tlsAlpnPort = port;
            return this;
        }

        /** The connect and read timeout of a validation; default 10 seconds. */
        public Builder validationTimeout(Duration timeout) {
            this.validationTimeout = timeout;
            return this;
        }

        /**
         * Adds an External Account Binding key (RFC 8555 §7.3.4, HMAC); once any is given, new
         * accounts need one (closed enrolment) and each key binds one account; default none (open).
         */
        public Builder externalAccountKey(String keyId, SecretKey macKey) {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(macKey, "macKey");
            byte[] encoded = macKey.getEncoded();
            int length = encoded == null ? 0 : encoded.length;
            if (encoded != null) {
                java.util.Arrays.fill(encoded, (byte) 0);
            }
            if (keyId.isEmpty() || keyId.length() > 128 || length < 32) {
                throw new ValidationException("externalAccountKey '" + dev.bulwark.pki.internal.Names.printable(keyId)
                        + "': the key id must have 1 to 128 characters and the MAC key at least 32 bytes (HS256), not "
                        + length);
            }
            externalAccountKeys.put(keyId, macKey);
            return this;
        }

        /** At most this many new orders per account within the window; default 300 per 3 hours. */
        public Builder ordersPerAccount(int orders, Duration window) {
            this.ordersPerAccount = orders;
            this.rateWindow = window;
            return this;
        }

        /** Threads answering requests; default 16 (they mostly wait for file syncs). */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /** Threads validating challenges; default 16 (they mostly wait for the network). */
        public Builder validationThreads(int count) {
            this.validationThreads = count;
            return this;
        }

        /** Issues the server's certificate, opens the ACME state in the store and starts listening. */
        public AcmeServer start() throws IOException {
            validate();
            CertificateAuthority ca = store.authority().withPolicy(policy);
            CertificateAuthority self = store.authority().withPolicy(CaPolicy.builder().allowNames(serverNames)
                    .maxValidity(serverCertificateValidity).build());
            // what can fail with I/O comes before the identity, whose renewal thread must not outlive a failed start
            AcmeStore state = AcmeStore.open(store.directory());
            long nonceEpoch = state.nextNonceEpoch();
            ServerIdentity identity = ServerIdentity.start(self, serverNames, serverCertificateValidity);
            List<IpNetwork> networks = validationNetworks != null ? validationNetworks
                    : policy.ipRanges().stream().filter(n -> !Validator.isSpecial(n.address())).collect(Collectors.toList());
            HttpsServer server;
            try {
                server = HttpsServer.create(new InetSocketAddress(bindAddress, port), 512);
            } catch (IOException | RuntimeException e) {
                identity.close();
                throw e;
            }
            server.setHttpsConfigurator(new HttpsConfigurator(identity.sslContext()) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    params.setSSLParameters(parameters);
                }
            });
            String host = serverNames.get(0).contains(":") ? "[" + serverNames.get(0) + "]" : serverNames.get(0);
            String base = (publicUrl != null ? publicUrl.toString() : "https://" + host + ":" + server.getAddress().getPort()) + "/acme";
            ExecutorService requestThreads = Executors.newFixedThreadPool(threads, daemon("acme-request"));
            ExecutorService validationPool = Executors.newFixedThreadPool(validationThreads, daemon("acme-validation"));
            AcmeContext context = new AcmeContext(ca, state,
                    new Nonces(new java.security.SecureRandom(), nonceCapacity, nonceEpoch),
                    new Validator(resolver, networks, httpPort, tlsAlpnPort, validationTimeout), validationPool,
                    new RateLimiter(ordersPerAccount, rateWindow, ca.settings().clock()), base, ca.settings().clock(),
                    certificateValidity, orderLifetime,
                    challenges.stream().map(ChallengeType::wireName).collect(Collectors.toSet()), externalAccountKeys);
            server.createContext("/acme/", new HttpFront(new AcmeProtocol(context)));
            server.setExecutor(requestThreads);
            server.start();
            return new AcmeServer(server, requestThreads, validationPool, URI.create(base + "/directory"), identity, ca);
        }

        private void validate() {
            if (serverNames.isEmpty()) {
                throw new ValidationException("serverNames must name at least one DNS name or IP address");
            }
            if (port < 0 || port > 65535 || httpPort < 1 || httpPort > 65535 || tlsAlpnPort < 1 || tlsAlpnPort > 65535) {
                throw new ValidationException("port " + port + ", httpPort " + httpPort + " and tlsAlpnPort " + tlsAlpnPort
                        + " must be ports (port may be 0 for any free one)");
            }
            if (serverCertificateValidity.compareTo(Duration.ofSeconds(3)) < 0 || serverCertificateValidity.compareTo(Duration.ofDays(397)) > 0) {
                throw new ValidationException("serverCertificateValidity " + serverCertificateValidity
                        + " must be between 3 seconds and 397 days");
            }
            if (certificateValidity.isNegative() || certificateValidity.isZero()
                    || certificateValidity.compareTo(policy.maxValidity()) > 0) {
                throw new ValidationException("certificateValidity " + certificateValidity + " must be positive and at most"
                        + " the policy's maxValidity " + policy.maxValidity());
            }
            if (orderLifetime.isNegative() || orderLifetime.isZero() || validationTimeout.isNegative() || validationTimeout.isZero()) {
                throw new ValidationException("orderLifetime " + orderLifetime + " and validationTimeout " + validationTimeout
                        + " must be positive");
            }
            if (challenges.isEmpty()) {
                throw new ValidationException("challenges must offer at least one challenge type");
            }
            if (ordersPerAccount < 1 || rateWindow.isNegative() || rateWindow.isZero() || threads < 1 || validationThreads < 1) {
                throw new ValidationException("ordersPerAccount, its window, threads and validationThreads must be positive");
            }
        }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
            java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
            return r -> {
                Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
