package dev.bulwark.pki.acme;

import dev.bulwark.pki.acme.AcmeServer.ChallengeType;
import dev.bulwark.pki.Pem;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's whole flow against one server: obtain a certificate with each of the client's
 * challenges and verify its chain with {@code openssl verify -x509_strict}; then, for each of those
 * certificates, renew it with the same challenge (a new serial whose chain verifies), see it good,
 * revoke it, see it revoked. Returns each step's
 * outcome in order: {@code ok}, {@code good}/{@code revoked}, or why it failed, so that two
 * servers' runs compare as two maps.
 */
final class ClientFlow {

    private final AcmeClient client;
    private final AcmeServerUnderTest server;
    private final Path work;
    private final Map<String, String> outcomes = new LinkedHashMap<>();

    private ClientFlow(AcmeClient client, AcmeServerUnderTest server, Path work) {
        this.client = client;
        this.server = server;
        this.work = work;
    }

    /** The outcomes every step has when the client and the server do their jobs. */
    static Map<String, String> expected(List<ChallengeType> challenges) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (ChallengeType challenge : challenges) {
            expected.put("obtain " + challenge.wireName(), "ok");
            expected.put("verify " + challenge.wireName(), "ok");
        }
        for (ChallengeType challenge : challenges) {
            String name = challenge.wireName();
            expected.put("renew " + name, "ok");
            expected.put("renewed " + name + " has a new serial", "ok");
            expected.put("verify renewed " + name, "ok");
            expected.put("status of " + name + " before revocation", "good");
            expected.put("revoke " + name, "ok");
            expected.put("status of " + name + " after revocation", "revoked");
        }
        return expected;
    }

    static Map<String, String> run(AcmeClient client, AcmeServerUnderTest server, Path work) throws Exception {
        Files.createDirectories(work);
        return new ClientFlow(client, server, work).run();
    }

    private Map<String, String> run() throws Exception {
        Path roots = work.resolve("issuing-roots.pem");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate root : server.issuingRoots()) {
            pem.append(Pem.encode(root));
        }
        Files.writeString(roots, pem, StandardCharsets.US_ASCII);
        List<ChallengeType> challenges = client.challenges();
        for (ChallengeType challenge : challenges) {
            String domain = client.domain(challenge);
            if (step("obtain " + challenge.wireName(), client.obtain(domain, challenge).outcome())) {
                step("verify " + challenge.wireName(), verify(client.files(domain), roots));
            }
        }
        for (ChallengeType challenge : challenges) {
            if (outcomes.get("obtain " + challenge.wireName()).equals("ok")) {
                renewAndRevoke(challenge, roots);
            }
        }
        return outcomes;
    }

    /** Renews the challenge's certificate (with the same challenge), sees the renewed one good, revokes it, sees it revoked. */
    private void renewAndRevoke(ChallengeType challenge, Path roots) throws Exception {
        String name = challenge.wireName();
        String domain = client.domain(challenge);
        BigInteger before = leaf(client.files(domain)).getSerialNumber();
        if (!step("renew " + name, client.renew(domain, challenge).outcome())) {
            return;
        }
        AcmeClient.CertificateFiles renewed = client.files(domain);
        X509Certificate leaf = leaf(renewed);
        X509Certificate issuer = chain(renewed).get(0);
        step("renewed " + name + " has a new serial", leaf.getSerialNumber().equals(before) ? "failed: serial "
                + before.toString(16) + " again" : "ok");
        step("verify renewed " + name, verify(renewed, roots));
        step("status of " + name + " before revocation", server.revocationStatus(leaf, issuer));
        if (step("revoke " + name, client.revoke(domain).outcome())) {
            step("status of " + name + " after revocation", server.revocationStatus(leaf, issuer));
        }
    }

    /** Records an outcome; whether it is one a later step may build on. */
    private boolean step(String name, String outcome) {
        outcomes.put(name, outcome);
        return outcome.equals("ok");
    }

    private static X509Certificate leaf(AcmeClient.CertificateFiles files) throws IOException {
        // lego's .crt holds the leaf followed by its issuer
        return Pem.parseCertificates(Files.readString(files.leaf()), files.leaf().toString()).get(0);
    }

    private static List<X509Certificate> chain(AcmeClient.CertificateFiles files) throws IOException {
        return Pem.parseCertificates(Files.readString(files.chain()), files.chain().toString());
    }

    /** {@code openssl verify -x509_strict} of the leaf with the client's stored chain as untrusted intermediates. */
    private String verify(AcmeClient.CertificateFiles files, Path roots) throws IOException, InterruptedException {
        Path leaf = work.resolve("leaf.pem");
        Files.writeString(leaf, Pem.encode(leaf(files)), StandardCharsets.US_ASCII);
        ToolRun.Result verified = ToolRun.run(List.of(Tools.path("openssl"), "verify", "-x509_strict", "-purpose", "sslserver",
                "-CAfile", roots.toString(), "-untrusted", files.chain().toString(), leaf.toString()), Map.of(), work,
                work.resolve("openssl.log"), Duration.ofSeconds(60));
        if (verified.ok() && !verified.tail().contains(leaf + ": OK")) {
            return "failed: openssl verify printed " + verified.tail();
        }
        return verified.outcome();
    }
}
