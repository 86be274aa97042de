package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.pki.internal.IndexFormat;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Hostile input to every parser yields a value or a {@link ParseException}, nothing else. */
class ParserPropertiesTest {

    private static final CertificateAuthority ROOT = TestPolicy.allow(CertificateAuthority.createRoot("CN=Property Root"));
    private static final byte[] CSR = CertificateRequest.create(KeyAlgorithm.EC_P256.generate(new SecureRandom()),
            List.of("p.example.com")).encoded();
    private static final byte[] CERT = Der.encode(ROOT.issueServer(List.of("p.example.com"), Duration.ofDays(1)).certificate());

    private static void valueOrParseException(Runnable parse) {
        try {
            parse.run();
        } catch (ParseException expected) {
            assertThat(expected.position().line()).isPositive();
        }
    }

    @Property(tries = 300)
    void csrParserOnArbitraryText(@ForAll @StringLength(max = 2000) String text) {
        valueOrParseException(() -> CertificateRequest.parse(text, "fuzz.csr"));
        valueOrParseException(() -> CertificateRequest.parse(
                "-----BEGIN CERTIFICATE REQUEST-----\n" + text + "\n-----END CERTIFICATE REQUEST-----\n", "fuzz.csr"));
    }

    @Property(tries = 300)
    void csrParserOnArbitraryAndMutatedDer(@ForAll @Size(max = 600) byte[] bytes, @ForAll("positions") int at, @ForAll byte value) {
        valueOrParseException(() -> CertificateRequest.fromDer(bytes));
        byte[] mutated = CSR.clone();
        mutated[at % mutated.length] = value;
        valueOrParseException(() -> CertificateRequest.fromDer(mutated));
        byte[] truncated = java.util.Arrays.copyOf(CSR, at % CSR.length);
        valueOrParseException(() -> CertificateRequest.fromDer(truncated));
    }

    @Property(tries = 300)
    void pemParsersOnArbitraryText(@ForAll("pemish") String text) {
        valueOrParseException(() -> Pem.parseCertificate(text, "fuzz.pem"));
        valueOrParseException(() -> Pem.parseCertificates(text, "fuzz.pem"));
        valueOrParseException(() -> Pem.parseCrl(text, "fuzz.pem"));
        valueOrParseException(() -> Pem.parsePrivateKey(text, "fuzz.pem"));
    }

    @Property(tries = 300)
    void derParsersOnMutatedCertificates(@ForAll("positions") int at, @ForAll byte value, @ForAll @Size(max = 300) byte[] noise) {
        byte[] mutated = CERT.clone();
        mutated[at % mutated.length] = value;
        valueOrParseException(() -> Der.certificate(mutated));
        valueOrParseException(() -> Pem.parseCertificate(wrap("CERTIFICATE", mutated), "m.pem"));
        valueOrParseException(() -> Der.crl(mutated));
        valueOrParseException(() -> Der.privateKey(noise));
        valueOrParseException(() -> Pem.parsePrivateKey(wrap("PRIVATE KEY", noise), "k.pem"));
    }

    @Property(tries = 200)
    void ocspResponderAnswersArbitraryBytesWithAResponse(@ForAll @Size(max = 400) byte[] request) throws Exception {
        int status = new org.bouncycastle.cert.ocsp.OCSPResp(OcspResponder.of(ROOT).respond(request)).getStatus();
        assertThat(status).isIn(org.bouncycastle.cert.ocsp.OCSPResp.SUCCESSFUL, org.bouncycastle.cert.ocsp.OCSPResp.MALFORMED_REQUEST);
    }

    @Property(tries = 300)
    void caIndexParserOnArbitraryLines(@ForAll("indexLines") List<String> lines, @ForAll @StringLength(max = 300) String text) {
        String body = String.join("\n", lines) + "\n";
        valueOrParseException(() -> IndexFormat.parse(IndexFormat.HEADER + "\n" + body, "index.txt"));
        valueOrParseException(() -> IndexFormat.parse(body, "index.txt"));
        valueOrParseException(() -> IndexFormat.parse(text, "index.txt"));
    }

    /** Index lines from the fields a valid line has, mixed up, and noise. */
    @Provide
    Arbitrary<List<String>> indexLines() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of("V", "R", "-", "0A", "0a", "1", "keyCompromise", "bogus",
                        "2027-01-01T00:00:00Z", "2027-13-01T00:00:00Z", "CN=a%25b", "CN=%2", "CN=%ZZ", "%0A", ""),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20));
        Arbitrary<String> line = field.list().ofMinSize(0).ofMaxSize(8).map(fields -> String.join("\t", fields));
        return line.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 100_000);
    }

    @Provide
    Arbitrary<String> pemish() {
        Arbitrary<String> body = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300);
        Arbitrary<String> label = Arbitraries.of("CERTIFICATE", "X509 CRL", "PRIVATE KEY", "CERTIFICATE REQUEST", "BOGUS", "");
        Arbitrary<String> longLine = Arbitraries.strings().withChars('A', '/', '=', '\n').ofLength(10_000);
        return Arbitraries.oneOf(
                body,
                longLine,
                label.flatMap(l -> body.map(b -> "-----BEGIN " + l + "-----\n" + b + "\n-----END " + l + "-----\n")),
                label.flatMap(l -> Arbitraries.strings().withChars("ABCDabcd0123+/=\n\r\t -").ofMaxLength(400)
                        .map(b -> "-----BEGIN " + l + "-----\n" + b + "\n-----END " + l + "-----\n")));
    }

    private static String wrap(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
