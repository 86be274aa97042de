package dev.bulwark.pki.acme;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.pki.CertificateRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal ACME client for tests: Nimbus signs (the JDK signs Ed25519), java.net.http sends,
 * trusting only the server's root. Low-level enough to send hostile requests.
 */
final class AcmeTestClient {

    /** An HTTP answer. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (java.text.ParseException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        String problemType() {
            return (String) json().get("type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** An account key: the key pair and its public JWK. */
    record AccountKey(KeyPair pair, JWK jwk, JWSAlgorithm alg) {
        static AccountKey ec256() {
            return ec("secp256r1", Curve.P_256, JWSAlgorithm.ES256);
        }

        static AccountKey ec384() {
            return ec("secp384r1", Curve.P_384, JWSAlgorithm.ES384);
        }

        static AccountKey rsa2048() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                return new AccountKey(pair, new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build(), JWSAlgorithm.RS256);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static AccountKey ed25519() {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                return new AccountKey(pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build(), JWSAlgorithm.EdDSA);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static AccountKey ec(String curveName, Curve curve, JWSAlgorithm alg) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(curveName));
                KeyPair pair = g.generateKeyPair();
                return new AccountKey(pair, new ECKey.Builder(curve, (ECPublicKey) pair.getPublic()).build(), alg);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String thumbprint() {
            try {
                return jwk.computeThumbprint().toString();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpClient http;
    private final URI directoryUrl;
    private Map<String, Object> directory;
    AccountKey key;
    String accountUrl;
    private String nonce;

    AcmeTestClient(URI directoryUrl, X509Certificate root, AccountKey key) {
        this.directoryUrl = directoryUrl;
        this.key = key;
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", root);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> directory() {
        if (directory == null) {
            directory = get(directoryUrl.toString()).json();
        }
        return directory;
    }

    String url(String name) {
        return (String) directory().get(name);
    }

    Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    Reply head(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    String nonce() {
        if (nonce != null) {
            String n = nonce;
            nonce = null;
            return n;
        }
        return head(url("newNonce")).header("Replay-Nonce");
    }

    /** Signs with jwk or (once an account exists) kid. */
    Reply post(String url, Object payload) {
        return post(url, payload, h -> { });
    }

    /** Signs and sends; on badNonce (another server process issued the nonce) retries once with the fresh one, as clients do. */
    Reply post(String url, Object payload, Consumer<JWSHeader.Builder> headerTweak) {
        Reply reply = postBody(url, jws(url, payload, nonce(), accountUrl, headerTweak), "application/jose+json");
        if (reply.status() == 400 && reply.body().contains("urn:ietf:params:acme:error:badNonce")) {
            reply = postBody(url, jws(url, payload, nonce(), accountUrl, headerTweak), "application/jose+json");
        }
        return reply;
    }

    Reply postBody(String url, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** A flattened JWS: kid when given, else jwk. */
    String jws(String url, Object payload, String nonceValue, String kid, Consumer<JWSHeader.Builder> headerTweak) {
        return serialize(sign(url, payload, nonceValue, kid, headerTweak, key));
    }

    static JWSObject sign(String url, Object payload, String nonceValue, String kid, Consumer<JWSHeader.Builder> tweak, AccountKey key) {
        JWSHeader.Builder header = new JWSHeader.Builder(key.alg()).customParam("url", url);
        if (nonceValue != null) {
            header.customParam("nonce", nonceValue);
        }
        if (kid != null) {
            header.keyID(kid);
        } else {
            header.jwk(key.jwk());
        }
        tweak.accept(header);
        String text = payload == null ? "" : payload instanceof String ? (String) payload : JSONObjectUtils.toJSONString(asMap(payload));
        JWSObject jws = new JWSObject(header.build(), new Payload(text));
        try {
            if (key.alg().equals(JWSAlgorithm.EdDSA)) {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key.pair().getPrivate());
                s.update(jws.getSigningInput());
                Base64URL sig = Base64URL.encode(s.sign());
                return new JWSObject(jws.getHeader().toBase64URL(), jws.getPayload().toBase64URL(), sig);
            }
            JWSSigner signer = key.pair().getPrivate() instanceof java.security.interfaces.RSAPrivateKey
                    ? new RSASSASigner(key.pair().getPrivate()) : new ECDSASigner((java.security.interfaces.ECPrivateKey) key.pair().getPrivate(),
                    ((ECKey) key.jwk()).getCurve());
            jws.sign(signer);
            return jws;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String serialize(JWSObject jws) {
        return JSONObjectUtils.toJSONString(flattened(jws));
    }

    static Map<String, Object> flattened(JWSObject jws) {
        Map<String, Object> json = new LinkedHashMap<>();
        String[] parts = jws.serialize().split("\\.", -1);
        json.put("protected", parts[0]);
        json.put("payload", parts[1]);
        json.put("signature", parts[2]);
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object payload) {
        return (Map<String, Object>) payload;
    }

    private String publicPrefix;
    private String actualPrefix;

    /** Sends what is addressed to URLs under publicPrefix to actualPrefix instead (a load balancer's job). */
    AcmeTestClient route(String publicPrefix, String actualPrefix) {
        this.publicPrefix = publicPrefix;
        this.actualPrefix = actualPrefix;
        this.nonce = null;
        return this;
    }

    Reply send(HttpRequest original) {
        HttpRequest request = original;
        if (publicPrefix != null && original.uri().toString().startsWith(publicPrefix)) {
            URI target = URI.create(actualPrefix + original.uri().toString().substring(publicPrefix.length()));
            HttpRequest.Builder copy = HttpRequest.newBuilder(target).method(original.method(),
                    original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
            original.headers().map().forEach((name, values) -> values.forEach(v -> copy.header(name, v)));
            request = copy.build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String fresh = response.headers().firstValue("Replay-Nonce").orElse(null);
            if (fresh != null) {
                nonce = fresh;
            }
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // the usual flow

    Reply newAccount() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("termsOfServiceAgreed", true);
        payload.put("contact", List.of("mailto:ops@example.com"));
        return newAccount(payload);
    }

    Reply newAccount(Map<String, Object> payload) {
        String saved = accountUrl;
        accountUrl = null;
        Reply reply = post(url("newAccount"), payload);
        accountUrl = reply.status() < 300 ? reply.header("Location") : saved;
        return reply;
    }

    Reply newOrder(String... names) {
        List<Object> identifiers = new java.util.ArrayList<>();
        for (String name : names) {
            identifiers.add(Map.of("type", name.matches("[0-9.]+|.*:.*") ? "ip" : "dns", "value", name));
        }
        return post(url("newOrder"), Map.of("identifiers", identifiers));
    }

    Reply postAsGet(String url) {
        return post(url, null);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> challenge(Map<String, Object> authz, String type) {
        for (Object c : (List<Object>) authz.get("challenges")) {
            Map<String, Object> challenge = (Map<String, Object>) c;
            if (type.equals(challenge.get("type"))) {
                return challenge;
            }
        }
        throw new AssertionError("no " + type + " challenge in " + authz);
    }

    String keyAuthorization(String token) {
        return token + "." + key.thumbprint();
    }

    /** Polls a resource until its status is not pending/processing (bounded by attempts, not time). */
    Map<String, Object> pollUntilSettled(String url) {
        for (int i = 0; i < 400; i++) {
            Map<String, Object> json = postAsGet(url).json();
            Object status = json.get("status");
            if (!"pending".equals(status) && !"processing".equals(status)) {
                return json;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("still pending: " + url);
    }

    Reply finalizeOrder(Map<String, Object> order, KeyPair certificateKey, List<String> names) {
        CertificateRequest csr = CertificateRequest.create(certificateKey, names);
        return post((String) order.get("finalize"), Map.of("csr", Base64.getUrlEncoder().withoutPadding().encodeToString(csr.encoded())));
    }

    static JOSEObjectType none() {
        return null;
    }
}
