package dev.bulwark.pki.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.pki.CaPolicy;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.KeyAlgorithm;
import dev.bulwark.pki.acme.AcmeResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the JWS and JSON entry points of the ACME protocol: arbitrary bodies, mutated signed
 * requests, and correctly signed requests carrying arbitrary payloads to every resource only ever
 * yield problem documents (or an ordinary answer) — never a server error, never an exception.
 */
class AcmeProtocolFuzzTest {

    private static final Path DIR = tempDir();
    private static final ExecutorService VALIDATIONS = Executors.newSingleThreadExecutor();
    private static final String BASE = "https://acme.test:443/acme";
    private static final AcmeContext CONTEXT = context();
    private static final AcmeProtocol PROTOCOL = new AcmeProtocol(CONTEXT);
    private static final KeyPair KEY = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    private static final String ACCOUNT = createAccount();
    private static final List<String> PATHS = List.of("/new-account", "/new-order", "/revoke-cert", "/key-change",
            "/acct/" + ACCOUNT, "/acct/" + ACCOUNT + "/orders", "/order/" + ACCOUNT + "/x", "/order/" + ACCOUNT + "/x/finalize",
            "/authz/" + ACCOUNT + "/x", "/chall/" + ACCOUNT + "/x/http-01", "/cert/" + ACCOUNT + "/x", "/acct/../../etc",
            "/renewal-info/x.y", "/directory", "/new-nonce", "/nothing");

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("acme-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AcmeContext context() {
        try {
            CaPolicy policy = CaPolicy.builder().allowDnsSuffix("example.com").allowIpRange(IpNetwork.parse("10.0.0.0/8")).build();
            CertificateAuthority ca = CertificateAuthority.createRoot("CN=Fuzz Root").withPolicy(policy);
            AcmeStore store = AcmeStore.open(DIR);
            return new AcmeContext(ca, store, new Nonces(new SecureRandom(), 10_000, store.nextNonceEpoch()),
                    new Validator(AcmeResolver.of(Map.of(), Map.of()), List.of(), 80, 443, Duration.ofSeconds(1)), VALIDATIONS,
                    new RateLimiter(1_000_000, Duration.ofHours(1), Clock.systemUTC()), BASE, Clock.systemUTC(),
                    Duration.ofDays(30), Duration.ofDays(7), Set.of("http-01", "dns-01", "tls-alpn-01"), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String createAccount() {
        Response r = PROTOCOL.handle("POST", "/new-account", "application/jose+json",
                signed("/new-account", "{\"termsOfServiceAgreed\":true}", false).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        String location = r.headers().get("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        VALIDATIONS.shutdownNow();
        try (Stream<Path> files = Files.walk(DIR)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A request signed with the account's key (kid) or its jwk, with a fresh nonce and the right url. */
    static String signed(String path, String payload, boolean kid) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).customParam("url", BASE + path)
                    .customParam("nonce", CONTEXT.nonces().next());
            if (kid) {
                header.keyID(BASE + "/acct/" + ACCOUNT);
            } else {
                header.jwk(new ECKey.Builder(Curve.P_256, (ECPublicKey) KEY.getPublic()).build());
            }
            JWSObject jws = new JWSObject(header.build(), new Payload(payload));
            jws.sign(new ECDSASigner((ECPrivateKey) KEY.getPrivate()));
            String[] parts = jws.serialize().split("\\.", -1);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("protected", parts[0]);
            json.put("payload", parts[1]);
            json.put("signature", parts[2]);
            return JSONObjectUtils.toJSONString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer is either an ordinary one or a problem document; never a server error. */
    private static void assertProblemOrAnswer(Response response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(body).isNotEqualTo(500).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            Map<String, Object> json;
            try {
                json = JSONObjectUtils.parse(body);
            } catch (java.text.ParseException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
            assertThat((String) json.get("type")).matches("urn:ietf:params:acme:error:[A-Za-z]+|about:blank");
            assertThat(((String) json.get("detail")).length()).isLessThan(1_000);
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]\":,.-_ 0123456789abcAZ\\eE+nulltruefalse").ofMaxLength(400),
                Arbitraries.strings().withChars("[{").ofMinLength(1000).ofMaxLength(20_000),
                jsonish());
    }

    /** Random JSON made of the field names and value shapes ACME payloads use. */
    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> names = Arbitraries.of("identifiers", "type", "value", "csr", "certificate", "reason", "contact",
                "status", "onlyReturnExisting", "termsOfServiceAgreed", "externalAccountBinding", "protected", "payload",
                "signature", "account", "oldKey", "replaces", "notBefore", "notAfter", "kid", "jwk", "url", "nonce", "alg");
        Arbitrary<String> scalars = Arbitraries.oneOf(Arbitraries.of("null", "true", "false", "0", "-1", "7", "1e400",
                        "2147483648", "1.5", "\"dns\"", "\"ip\"", "\"deactivated\"", "\"valid\"", "\"mailto:a@example.com\"",
                        "\"www.example.com\"", "\"10.1.2.3\"", "\"evil.org\"", "\"*.example.com\"", "\"AAAA\"", "\"x.y\"", "[]", "{}"),
                Arbitraries.strings().ofMaxLength(40).map(s -> JSONObjectUtils.toJSONString(Map.of("s", s)).substring(5).replaceFirst("}$", "")));
        Arbitrary<String> member = Combinators.combine(names, scalars).as((n, v) -> "\"" + n + "\":" + v);
        Arbitrary<String> flat = member.list().ofMaxSize(6).map(m -> "{" + String.join(",", m) + "}");
        Arbitrary<String> identifierList = flat.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        return Arbitraries.oneOf(flat, Combinators.combine(flat, identifierList).as((f, l) ->
                f.equals("{}") ? "{\"identifiers\":" + l + "}" : f.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{\"identifiers\":" + l + ","))));
    }

    @Property(tries = 300)
    void arbitraryBodiesOnlyYieldProblemDocuments(@ForAll("paths") String path, @ForAll("hostileText") String body,
                                                  @ForAll boolean rightContentType) {
        Response response = PROTOCOL.handle("POST", path, rightContentType ? "application/jose+json" : "text/plain",
                body.getBytes(StandardCharsets.UTF_8));
        assertProblemOrAnswer(response);
        assertThat(response.status()).isGreaterThanOrEqualTo(400);
    }

    @Property(tries = 400)
    void signedRequestsWithArbitraryPayloadsOnlyYieldProblemsOrAnswers(@ForAll("paths") String path,
                                                                      @ForAll("jsonish") String payload, @ForAll boolean kid) {
        Response response = PROTOCOL.handle("POST", path, "application/jose+json",
                signed(path, payload, kid).getBytes(StandardCharsets.UTF_8));
        assertProblemOrAnswer(response);
    }

    @Property(tries = 300)
    void mutatedSignedRequestsOnlyYieldProblemsOrAnswers(@ForAll("paths") String path, @ForAll("jsonish") String payload,
                                                         @ForAll int position, @ForAll char replacement) {
        String body = signed(path, payload, true);
        int at = Math.floorMod(position, body.length());
        String mutated = body.substring(0, at) + replacement + body.substring(at + 1);
        Response response = PROTOCOL.handle("POST", path, "application/jose+json", mutated.getBytes(StandardCharsets.UTF_8));
        assertProblemOrAnswer(response);
    }

    @Property(tries = 200)
    void arbitraryRenewalIdentifiersOnlyYieldProblems(@ForAll("hostileText") String id) {
        Response response = PROTOCOL.handle("GET", "/renewal-info/" + id, null, new byte[0]);
        assertProblemOrAnswer(response);
    }
}
