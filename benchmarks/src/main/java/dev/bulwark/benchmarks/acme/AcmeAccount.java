package dev.bulwark.benchmarks.acme;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.benchmarks.acme.HttpsConnection.Response;
import dev.bulwark.pki.CertificateRequest;
import dev.bulwark.pki.KeyAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One ACME account (an EC P-256 key, ES256 signed with BouncyCastle) driving whole orders through
 * the real protocol: new order, the http-01 challenge answered by the shared {@link Http01Responder},
 * polling, finalize, download. What a fleet has before it renews is made when the account is: its
 * key and, for each name it will order, the key and CSR (so the timed phase measures the server,
 * not client-side key generation). Each account talks to the server over its own persistent TLS
 * connection ({@link HttpsConnection}, blocking HTTP/1.1 with keep-alive). Not thread-safe: one
 * thread at a time per account.
 */
final class AcmeAccount implements AutoCloseable {

    private static final String BAD_NONCE = "urn:ietf:params:acme:error:badNonce";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int MAX_POLLS = 1200;
    /**
     * A server that stops answering fails the request (a {@link java.net.SocketTimeoutException},
     * counted as a failed order) instead of hanging the run.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Provider BC = new BouncyCastleProvider();
    private static final LongAdder REQUESTS = new LongAdder();

    private final HttpsConnection http;
    private final Map<String, Object> directory;
    private final Http01Responder responder;
    private final ECKey key;
    private final ECDSASigner signer;
    private final String thumbprint;
    private final Map<String, byte[]> csrs = new LinkedHashMap<>();
    private String kid;
    private String nonce;

    /** An account that will order these names, one each, their keys and CSRs made now. */
    AcmeAccount(SSLContext tls, Map<String, Object> directory, Http01Responder responder, SecureRandom random,
                List<String> names) {
        this.http = new HttpsConnection(tls, TIMEOUT);
        this.directory = directory;
        this.responder = responder;
        KeyPair pair = KeyAlgorithm.EC_P256.generate(random);
        this.key = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey((ECPrivateKey) pair.getPrivate())
                .build();
        try {
            // a BouncyCastle key object keeps BouncyCastle's precomputation across signatures
            PrivateKey bcKey = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
            this.signer = new ECDSASigner(bcKey, Curve.P_256);
            signer.getJCAContext().setProvider(BC);
            this.thumbprint = key.computeThumbprint().toString();
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a fresh P-256 key", e);
        }
        for (String name : names) {
            csrs.put(name, CertificateRequest.create(KeyAlgorithm.EC_P256.generate(random), List.of(name)).encoded());
        }
    }

    /** The names this account orders, in order. */
    List<String> names() {
        return List.copyOf(csrs.keySet());
    }

    /** How many HTTP requests all accounts have sent so far. */
    static long requests() {
        return REQUESTS.sum();
    }

    /** Fetches the directory over a connection of its own, trusting what {@code tls} trusts. */
    static Map<String, Object> directory(SSLContext tls, URI url) throws IOException {
        REQUESTS.increment();
        try (HttpsConnection http = new HttpsConnection(tls, TIMEOUT)) {
            return json(http.get(url));
        }
    }

    /** Creates the account (newAccount, terms agreed). */
    void register() throws IOException, InterruptedException {
        Response response = post(url("newAccount"), "{\"termsOfServiceAgreed\":true}", true);
        expect(response, 201, 200);
        kid = response.header("Location").orElseThrow(() -> new IOException("newAccount without Location"));
    }

    /** One whole order for {@code name}; returns the PEM chain downloaded. */
    String order(String name) throws IOException, InterruptedException {
        Response created = post(url("newOrder"),
                "{\"identifiers\":[{\"type\":\"dns\",\"value\":\"" + name + "\"}]}", false);
        expect(created, 201);
        String orderUrl = created.header("Location").orElseThrow(() -> new IOException("order without Location"));
        Map<String, Object> order = json(created);
        for (Object authzUrl : (List<?>) order.get("authorizations")) {
            Map<String, Object> authz = json(expect(post((String) authzUrl, "", false), 200));
            if ("valid".equals(authz.get("status"))) {
                continue;
            }
            Map<?, ?> challenge = ((List<?>) authz.get("challenges")).stream().map(c -> (Map<?, ?>) c)
                    .filter(c -> "http-01".equals(c.get("type"))).findFirst()
                    .orElseThrow(() -> new IOException("no http-01 challenge for " + name));
            String token = (String) challenge.get("token");
            responder.answer(token, token + "." + thumbprint);
            try {
                expect(post((String) challenge.get("url"), "{}", false), 200);
                order = poll(orderUrl, "ready");
            } finally {
                responder.forget(token);
            }
        }
        if (!"ready".equals(order.get("status"))) {
            order = poll(orderUrl, "ready");
        }
        byte[] csr = csrs.get(name);
        Map<String, Object> finalizing = json(expect(post((String) order.get("finalize"),
                "{\"csr\":\"" + Base64URL.encode(csr) + "\"}", false), 200));
        if (!"valid".equals(finalizing.get("status"))) {
            finalizing = poll(orderUrl, "valid");
        }
        String chain = expect(post((String) finalizing.get("certificate"), "", false), 200).body();
        if (!chain.startsWith("-----BEGIN CERTIFICATE-----")) {
            throw new IOException("certificate download for " + name + " is not PEM");
        }
        return chain;
    }

    /** POST-as-GET on the order until it reaches {@code status}; fails on {@code invalid}. */
    private Map<String, Object> poll(String orderUrl, String status) throws IOException, InterruptedException {
        for (int i = 0; i < MAX_POLLS; i++) {
            Map<String, Object> order = json(expect(post(orderUrl, "", false), 200));
            Object now = order.get("status");
            if (status.equals(now) || "valid".equals(now)) {
                return order;
            }
            if ("invalid".equals(now)) {
                throw new IOException("order " + orderUrl + " became invalid: " + order);
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("order " + orderUrl + " never became " + status);
    }

    private String url(String resource) {
        return (String) directory.get(resource);
    }

    /** A JWS-signed POST (flattened JSON serialization), retried on badNonce. */
    private Response post(String url, String payload, boolean withJwk) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (nonce == null) {
                REQUESTS.increment();
                Response fresh = http.head(URI.create(url("newNonce")));
                nonce = fresh.header("Replay-Nonce").orElseThrow(() -> new IOException("no nonce"));
            }
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).customParam("nonce", nonce)
                    .customParam("url", url);
            header = withJwk ? header.jwk(key.toPublicJWK()) : header.keyID(kid);
            JWSObject jws = new JWSObject(header.build(), new Payload(payload));
            try {
                jws.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign", e);
            }
            String body = "{\"protected\":\"" + jws.getHeader().toBase64URL() + "\",\"payload\":\""
                    + jws.getPayload().toBase64URL() + "\",\"signature\":\"" + jws.getSignature() + "\"}";
            REQUESTS.increment();
            Response response = http.post(URI.create(url), "application/jose+json", body.getBytes(StandardCharsets.UTF_8));
            nonce = response.header("Replay-Nonce").orElse(null);
            if (response.status() == 400 && response.body().contains(BAD_NONCE) && attempt < 5) {
                continue;
            }
            return response;
        }
    }

    private static Response expect(Response response, int... statuses) throws IOException {
        for (int status : statuses) {
            if (response.status() == status) {
                return response;
            }
        }
        String body = response.body();
        throw new IOException(response.uri() + " answered " + response.status() + ": "
                + body.substring(0, Math.min(300, body.length())));
    }

    private static Map<String, Object> json(Response response) throws IOException {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new IOException(response.uri() + " answered with no JSON object", e);
        }
    }

    /** Closes the account's connection. */
    @Override
    public void close() {
        http.close();
    }
}
