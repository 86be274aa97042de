package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.KeyChecks;
import dev.bulwark.pki.internal.Ledger;
import dev.bulwark.pki.internal.MemoryLedger;
import dev.bulwark.pki.internal.Providers;
import dev.bulwark.pki.internal.Serials;
import dev.bulwark.pki.internal.SignerPool;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate authority: a CA certificate, its private key (a secret: never in {@code toString()})
 * and a ledger of what it issued and revoked (in memory, or in a {@link CaStore}). Thread-safe.
 *
 * <p>Defaults: roots are valid {@value #DEFAULT_ROOT_DAYS} days (10 years) and carry no path length
 * constraint (a trust anchor's own constraints are not processed, RFC 5280 §6.1); intermediates are
 * valid 5 years with path length 0 ({@link IntermediateSpec}); leaves {@value #DEFAULT_LEAF_DAYS}
 * days with a generated EC P-256 key. Every certificate starts one minute before "now" (clock skew)
 * and ends no later than its issuer. A new CA signs no leaf until {@link #withPolicy(CaPolicy)} says
 * which names it may sign ({@link CaPolicy#NONE}); every path that signs passes one gate (policy,
 * the chain's name constraints and path lengths, key checks, validity).
 *
 * <pre>{@code
 * CertificateAuthority root = CertificateAuthority.createRoot("CN=Example Root", KeyAlgorithm.EC_P256, Duration.ofDays(3650))
 *         .withPolicy(CaPolicy.builder().allowDnsSuffix("example.com").allowIpRange(IpNetwork.parse("10.0.0.0/8")).build());
 * IssuedCertificate web = root.issueServer(List.of("web.example.com", "10.0.0.5"), Duration.ofDays(90));
 * root.revoke(web.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
 * X509CRL crl = root.crl();
 * }</pre>
 */
public final class CertificateAuthority {

    /** Default root validity in days (10 years). */
    public static final int DEFAULT_ROOT_DAYS = 3650;
    /** Default leaf validity in days (the CA/Browser Forum's 397-day ceiling). */
    public static final int DEFAULT_LEAF_DAYS = 397;

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final PrivateKey signingKey;
    private final SignerPool signers;
    private final KeyAlgorithm algorithm;
    private final CaSettings settings;
    private final CaPolicy policy;
    private final Ledger ledger;
    private final Issuer issuer;
    private final IssuanceGate gate;

    CertificateAuthority(List<X509Certificate> chain, PrivateKey key, CaSettings settings, CaPolicy policy, Ledger ledger) {
        this.chain = List.copyOf(chain);
        this.key = Objects.requireNonNull(key, "key");
        this.signingKey = Providers.forSigning(key);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        X509Certificate certificate = this.chain.get(0);
        this.algorithm = KeyAlgorithm.of(certificate.getPublicKey());
        this.signers = new SignerPool(algorithm.signatureAlgorithm(), signingKey, settings.random());
        this.issuer = new Issuer(certificate, signers, settings, ledger);
        this.gate = new IssuanceGate(this.chain, this.policy, ledger);
    }

    /** Creates a self-signed root CA with default settings; see {@link #createRoot(String, KeyAlgorithm, Duration, CaSettings)}. */
    public static CertificateAuthority createRoot(String subjectDn, KeyAlgorithm keyAlgorithm, Duration validity) {
        return createRoot(subjectDn, keyAlgorithm, validity, CaSettings.defaults());
    }

    /**
     * Creates a self-signed root CA with a new key.
     *
     * @param subjectDn    the subject, RFC 2253 (e.g. {@code CN=Example Root CA,O=Example})
     * @param keyAlgorithm the CA key type; {@link KeyAlgorithm#EC_P256} is the recommended default
     * @param validity     how long the root is valid; 10 years is usual
     * @param settings     clock, randomness, serial size, CRL validity and URLs
     * @throws ValidationException for a malformed subject, a non-positive validity or a key type too weak for a CA
     */
    public static CertificateAuthority createRoot(String subjectDn, KeyAlgorithm keyAlgorithm, Duration validity,
                                                  CaSettings settings) {
        X500Principal subject = CaRules.subject(subjectDn);
        CaRules.requireCaKey(keyAlgorithm);
        CaRules.requirePositive(validity);
        KeyPair pair = keyAlgorithm.generate(settings.random());
        X509Certificate root = Issuer.selfSigned(subject, pair, keyAlgorithm, validity, settings);
        return new CertificateAuthority(List.of(root), pair.getPrivate(), settings, CaPolicy.NONE, new MemoryLedger());
    }

    /** A root with EC P-256 valid 10 years. */
    public static CertificateAuthority createRoot(String subjectDn) {
        return createRoot(subjectDn, KeyAlgorithm.EC_P256, Duration.ofDays(DEFAULT_ROOT_DAYS));
    }

    /**
     * An existing CA from its certificate chain (its own certificate first) and private key, with an
     * empty in-memory ledger. The key is checked against the certificate.
     */
    public static CertificateAuthority load(List<X509Certificate> chain, PrivateKey key, CaSettings settings) {
        if (chain.isEmpty()) {
            throw new ValidationException("the CA chain is empty");
        }
        CaRules.requireCaCertificate(chain.get(0));
        KeyChecks.requireMatch(key, chain.get(0).getPublicKey());
        return new CertificateAuthority(chain, key, settings, CaPolicy.NONE, new MemoryLedger());
    }

    /**
     * Creates an intermediate CA under this one; it gets its own in-memory ledger, this CA's settings
     * and {@link CaPolicy#NONE} (give it its own with {@link #withPolicy(CaPolicy)}). Refused when this
     * CA's chain leaves no room for another CA (path length) or its subject lies outside the chain's
     * directory-name constraints.
     */
    public CertificateAuthority createIntermediate(IntermediateSpec spec) {
        X500Principal subject = CaRules.subject(spec.subjectDn());
        gate.ca(subject, spec.pathLength(), spec.validity(), Optional.empty());
        KeyPair pair = spec.keyAlgorithm().generate(settings.random());
        X509Certificate certificate = issuer.ca(subject, pair.getPublic(), spec.validity(), spec.pathLength(),
                Optional.of(spec));
        List<X509Certificate> newChain = new ArrayList<>();
        newChain.add(certificate);
        newChain.addAll(chain);
        return new CertificateAuthority(newChain, pair.getPrivate(), settings, CaPolicy.NONE, new MemoryLedger());
    }

    /**
     * Certifies another CA's key and subject with this CA's key: a cross-certificate for a root
     * rollover (old root signs the new root's key so clients that trust either can build a path).
     * It passes the same gate as an intermediate: this CA's chain must allow the other CA's path length.
     */
    public X509Certificate crossSign(X509Certificate otherCa, Duration validity) {
        CaRules.requireCaCertificate(otherCa);
        int pathLength = otherCa.getBasicConstraints() == Integer.MAX_VALUE ? -1 : otherCa.getBasicConstraints();
        gate.ca(otherCa.getSubjectX500Principal(), pathLength, validity, Optional.of(otherCa.getPublicKey()));
        return issuer.ca(otherCa.getSubjectX500Principal(), otherCa.getPublicKey(), validity, pathLength,
                Optional.empty());
    }

    /** Issues a TLS server certificate (EKU serverAuth) with a new EC P-256 key, if the {@link #policy()} allows the names. */
    public IssuedCertificate issueServer(List<String> dnsNamesOrIps, Duration validity) {
        return issue(LeafProfile.SERVER, dnsNamesOrIps, KeyAlgorithm.EC_P256, validity);
    }

    /** Issues a TLS client certificate (EKU clientAuth) with a new EC P-256 key, if the {@link #policy()} allows the names. */
    public IssuedCertificate issueClient(List<String> dnsNamesOrIps, Duration validity) {
        return issue(LeafProfile.CLIENT, dnsNamesOrIps, KeyAlgorithm.EC_P256, validity);
    }

    /**
     * Issues a leaf certificate with a key generated for it. Like every path that signs, it passes
     * this CA's gate: the {@link #policy()} (names, key type, validity) and the name constraints of
     * this CA's chain.
     *
     * @param profile      server, client or both
     * @param names        DNS names and IP addresses for the subjectAltName; the first is also the CN
     * @param keyAlgorithm the key type to generate
     * @param validity     how long it is valid (capped at this CA's notAfter), at most the policy's maximum
     * @throws ValidationException naming what the policy or the chain's constraints refuse
     */
    public IssuedCertificate issue(LeafProfile profile, List<String> names, KeyAlgorithm keyAlgorithm, Duration validity) {
        List<String> allowed = gate.leaf(names, keyAlgorithm, validity);
        KeyPair pair = keyAlgorithm.generate(settings.random());
        X509Certificate certificate = issuer.leaf(profile, allowed, pair.getPublic(), validity);
        return new IssuedCertificate(pair.getPrivate(), withChain(certificate));
    }

    /**
     * Issues a leaf certificate for a key the caller already holds (no CSR), through the same gate
     * as {@link #issue(LeafProfile, List, KeyAlgorithm, Duration)}; a key once revoked for
     * keyCompromise is refused.
     */
    public SignedCertificate issue(LeafProfile profile, List<String> names, PublicKey publicKey, Duration validity) {
        List<String> allowed = gate.leaf(names, publicKey, validity);
        return new SignedCertificate(withChain(issuer.leaf(profile, allowed, publicKey, validity)));
    }

    /**
     * Checks, without signing anything, that this CA would sign a leaf for these names: the
     * {@link #policy()}'s names and the name constraints of this CA's chain, exactly as issuing
     * checks them (key and validity are checked again when something is signed). An ACME server
     * calls it before it creates an order or contacts anything to validate a name.
     *
     * @return the names normalized (lower-cased DNS names, canonical IP addresses)
     * @throws ValidationException naming the first name the policy or the chain's constraints refuse
     */
    public List<String> checkNames(List<String> names) {
        return gate.names(names);
    }

    /**
     * Signs a verified CSR under this CA's {@link #policy()}: the names it requests (or
     * {@code names}, when not empty) must be allowed, so must its key type and the validity, and
     * the chain's name constraints; a key once revoked for keyCompromise is refused. Only the names
     * are taken from the request; everything else is this CA's decision.
     */
    public SignedCertificate sign(CertificateRequest request, LeafProfile profile, Duration validity, List<String> names) {
        if (!request.unsupportedNames().isEmpty()) {
            throw new ValidationException("the request asks for subjectAltName entries this CA does not issue: "
                    + request.unsupportedNames());
        }
        List<String> wanted = gate.leaf(names.isEmpty() ? request.requestedNames() : names, request.publicKey(), validity);
        return new SignedCertificate(withChain(issuer.leaf(profile, wanted, request.publicKey(), validity)));
    }

    /** Signs a verified CSR for the names it requests; see {@link #sign(CertificateRequest, LeafProfile, Duration, List)}. */
    public SignedCertificate sign(CertificateRequest request, LeafProfile profile, Duration validity) {
        return sign(request, profile, validity, List.of());
    }

    /**
     * Re-issues the certificate with this serial: same names and profile, same key, new validity,
     * through the same gate as issuing (policy, the chain's name constraints). A key once revoked
     * for keyCompromise is refused: {@link #renewWithNewKey(BigInteger, Duration)} is the way on.
     */
    public SignedCertificate renew(BigInteger serial, Duration validity) {
        X509Certificate old = issuedCertificate(serial);
        LeafProfile profile = Renewal.profileOf(old);
        List<String> allowed = gate.leaf(Renewal.namesOf(old), old.getPublicKey(), validity);
        return new SignedCertificate(withChain(issuer.leaf(profile, allowed, old.getPublicKey(), validity)));
    }

    /**
     * Re-issues the certificate with this serial: same names, profile and key type, a new key,
     * through the same gate as issuing.
     */
    public IssuedCertificate renewWithNewKey(BigInteger serial, Duration validity) {
        X509Certificate old = issuedCertificate(serial);
        return issue(Renewal.profileOf(old), Renewal.namesOf(old), KeyAlgorithm.of(old.getPublicKey()), validity);
    }

    private X509Certificate issuedCertificate(BigInteger serial) {
        return ledger.certificate(serial).orElseThrow(() -> new ValidationException(
                "serial " + Serials.hex(serial) + " was not issued by this CA"));
    }

    /** Revokes the certificate with this serial, as of now. Unknown or already revoked serials are refused. */
    public IndexEntry revoke(BigInteger serial, RevocationReason reason) {
        Objects.requireNonNull(reason, "reason");
        return ledger.revoke(serial, reason, settings.clock().instant());
    }

    /**
     * Issues a new CRL (RFC 5280 §5) listing every revoked certificate, with the next CRL number;
     * thisUpdate is now, nextUpdate now plus {@link CaSettings#crlValidity()}.
     */
    public X509CRL crl() {
        return issuer.crl();
    }

    /** Every certificate this CA issued (leaves and CA certificates), in issue order. */
    public List<IndexEntry> entries() {
        return ledger.entries();
    }

    /**
     * The index entry of the certificate with this serial (valid or revoked, and why), if this CA
     * issued it. Costs the same however many certificates the CA issued: use it rather than
     * searching {@link #entries()} for one serial.
     */
    public Optional<IndexEntry> entry(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        return ledger.entry(serial);
    }

    /**
     * The certificates due for renewal: not revoked, validity ending within {@code window} from now
     * (expired ones too), and not superseded — a leaf is superseded once this CA issued a later leaf,
     * not revoked, for the same names and profile that ends after it (a renewal).
     */
    public List<IndexEntry> expiringWithin(Duration window) {
        Instant limit = settings.clock().instant().plus(window);
        return Renewal.due(ledger, limit);
    }

    /** The issued certificate with this serial, if this CA's ledger knows it. */
    public Optional<X509Certificate> certificate(BigInteger serial) {
        return ledger.certificate(serial);
    }

    /** This CA's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** This CA's certificate followed by its issuers up to the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The root of this CA's chain: the trust anchor relying parties install. */
    public X509Certificate root() {
        return chain.get(chain.size() - 1);
    }

    /** This CA's key type. */
    public KeyAlgorithm keyAlgorithm() {
        return algorithm;
    }

    /** The settings this CA issues with. */
    public CaSettings settings() {
        return settings;
    }

    /** The policy this CA signs leaves under ({@link CaPolicy#NONE} until {@link #withPolicy(CaPolicy)}). */
    public CaPolicy policy() {
        return policy;
    }

    /** The same CA (same key and ledger) issuing with other settings. */
    public CertificateAuthority withSettings(CaSettings newSettings) {
        return new CertificateAuthority(chain, key, newSettings, policy, ledger);
    }

    /** The same CA (same key and ledger) signing leaves under another policy; the chain's name constraints still apply. */
    public CertificateAuthority withPolicy(CaPolicy newPolicy) {
        return new CertificateAuthority(chain, key, settings, newPolicy, ledger);
    }

    /** Signers of this CA's key, for the OCSP responder only. */
    SignerPool signers() {
        return signers;
    }

    /** The private key, for the store only. */
    PrivateKey privateKey() {
        return key;
    }

    /** The same CA recording into another ledger, for the store only. */
    CertificateAuthority withLedger(Ledger newLedger) {
        return new CertificateAuthority(chain, key, settings, policy, newLedger);
    }

    private List<X509Certificate> withChain(X509Certificate leaf) {
        List<X509Certificate> out = new ArrayList<>(chain.size() + 1);
        out.add(leaf);
        out.addAll(chain);
        return out;
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate().getSubjectX500Principal().getName() + ", "
                + algorithm.wireName() + ", notAfter " + certificate().getNotAfter().toInstant()
                + ", private key [redacted]]";
    }
}
