package dev.bulwark.pki;

import dev.bulwark.pki.internal.CertificateMaker;
import dev.bulwark.pki.internal.CertificateTemplate;
import dev.bulwark.pki.internal.CrlMaker;
import dev.bulwark.pki.internal.Ledger;
import dev.bulwark.pki.internal.Names;
import dev.bulwark.pki.internal.SignerPool;
import dev.bulwark.pki.internal.Signing;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The signing half of a {@link CertificateAuthority}: chooses each certificate's validity window
 * (backdated for clock skew, never past the CA's own notAfter), draws its serial and records it in
 * the CA's ledger, and signs CRLs. Package-private: the CA is the API.
 */
final class Issuer {

    /** How far notBefore lies before "now", for relying parties whose clocks run a little behind. */
    static final Duration BACKDATE = Duration.ofMinutes(1);

    private final X500Name name;
    private final byte[] keyId;
    private final Instant caNotAfter;
    private final SignerPool signers;
    private final CaSettings settings;
    private final Ledger ledger;

    Issuer(X509Certificate caCertificate, SignerPool signers, CaSettings settings, Ledger ledger) {
        this.name = X500Name.getInstance(caCertificate.getSubjectX500Principal().getEncoded());
        this.keyId = Signing.keyIdentifierOf(caCertificate);
        this.caNotAfter = caCertificate.getNotAfter().toInstant();
        this.signers = Objects.requireNonNull(signers, "signers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** A self-signed root certificate for the key pair (not recorded: a new root has no ledger yet). */
    static X509Certificate selfSigned(X500Principal subject, KeyPair pair, KeyAlgorithm keyAlgorithm,
                                      Duration validity, CaSettings settings) {
        Instant notBefore = settings.clock().instant().minus(BACKDATE);
        CertificateTemplate template = new CertificateTemplate(subject, pair.getPublic(), CaRules.serial(settings),
                notBefore, notBefore.plus(validity).plus(BACKDATE), Optional.empty(), List.of(), -1,
                List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty());
        return CertificateMaker.sign(template, X500Name.getInstance(subject.getEncoded()),
                Signing.keyIdentifier(pair.getPublic()).getKeyIdentifier(),
                new SignerPool(keyAlgorithm.signatureAlgorithm(), pair.getPrivate(), settings.random()));
    }

    /**
     * A CA certificate for the key; {@code pathLength} negative for none; the name constraints of
     * {@code constraints}, when present.
     */
    X509Certificate ca(X500Principal subject, PublicKey publicKey, Duration validity, int pathLength,
                       Optional<IntermediateSpec> constraints) {
        CaRules.requirePositive(validity);
        Window window = window(validity);
        List<String> permittedDns = constraints.map(IntermediateSpec::permittedDns).orElse(List.of());
        var permittedIps = constraints.map(IntermediateSpec::permittedIps).orElse(List.of());
        List<String> excludedDns = constraints.map(IntermediateSpec::excludedDns).orElse(List.of());
        var excludedIps = constraints.map(IntermediateSpec::excludedIps).orElse(List.of());
        return ledger.issue(() -> CaRules.serial(settings), serial -> CertificateMaker.sign(new CertificateTemplate(
                subject, publicKey, serial, window.notBefore(), window.notAfter(), Optional.empty(), List.of(),
                pathLength, permittedDns, permittedIps, excludedDns, excludedIps,
                settings.crlDistributionPoint(), settings.caIssuers()), name, keyId, signers));
    }

    /** A leaf certificate for the key, the first name as its common name. */
    X509Certificate leaf(LeafProfile profile, List<String> names, PublicKey publicKey, Duration validity) {
        Objects.requireNonNull(profile, "profile");
        CaRules.requirePositive(validity);
        KeyAlgorithm.of(publicKey);
        X500Principal subject = leafSubject(names);
        Window window = window(validity);
        return ledger.issue(() -> CaRules.serial(settings), serial -> CertificateMaker.sign(new CertificateTemplate(
                subject, publicKey, serial, window.notBefore(), window.notAfter(), Optional.of(profile), names, -1,
                List.of(), List.of(), List.of(), List.of(), settings.crlDistributionPoint(), settings.caIssuers()),
                name, keyId, signers));
    }

    /**
     * A leaf's subject: CN=its first DNS name, or an empty subject (the subjectAltName is then
     * critical) when it has none — openssl checks the CN of a certificate without DNS names against
     * the DNS name constraints as if it were one, so CN=10.0.0.5 under a CA constrained to
     * example.internal would be rejected although its address is permitted.
     */
    static X500Principal leafSubject(List<String> names) {
        return names.stream().filter(n -> !Names.looksLikeIp(n)).findFirst().map(CertificateRequest::commonName)
                .orElseGet(() -> new X500Principal(new byte[] {0x30, 0x00}));
    }

    /** A new CRL of every revoked certificate, with the ledger's next CRL number. */
    X509CRL crl() {
        Instant now = settings.clock().instant();
        return ledger.crl((number, revoked) -> CrlMaker.sign(name, keyId, number, revoked, now,
                now.plus(settings.crlValidity()), signers));
    }

    private Window window(Duration validity) {
        Instant now = settings.clock().instant();
        Instant notAfter = now.plus(validity);
        return new Window(now.minus(BACKDATE), notAfter.isAfter(caNotAfter) ? caNotAfter : notAfter);
    }

    private record Window(Instant notBefore, Instant notAfter) {
    }
}
