package dev.bulwark.pki;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.pki.internal.Names;
import dev.bulwark.pki.internal.PemBlock;
import dev.bulwark.pki.internal.PemReader;
import dev.bulwark.pki.internal.Providers;
import dev.bulwark.pki.internal.Signing;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certificate signing request (RFC 2986) whose signature has been verified. Parsing
 * refuses DSA keys, then SHA-1 signatures, each with its own reason; the names it asks for ({@link #requestedNames()}) come from its
 * subjectAltName extension request (DNS names and IP addresses only) or, without one, its common
 * name. Everything else it requests is ignored: the CA decides.
 */
public final class CertificateRequest {

    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            "1.2.840.10045.2.1", "EC", "1.2.840.113549.1.1.1", "RSA", "1.3.101.112", "Ed25519");
    private static final String DSA = "1.2.840.10040.4.1";
    private static final Map<String, String> SHA1_SIGNATURES = Map.of(
            "1.2.840.113549.1.1.5", "sha1WithRSAEncryption", "1.2.840.10045.4.1", "ecdsa-with-SHA1",
            "1.2.840.10040.4.3", "dsa-with-SHA1", "1.3.14.3.2.29", "sha1WithRSASignature");
    private static final Set<String> SIGNATURES = Set.of(
            "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4",
            "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.3.101.112");

    private final PKCS10CertificationRequest request;
    private final PublicKey publicKey;
    private final List<String> names;
    private final List<String> unsupportedNames;

    private CertificateRequest(PKCS10CertificationRequest request, PublicKey publicKey,
                               List<String> names, List<String> unsupportedNames) {
        this.request = request;
        this.publicKey = publicKey;
        this.names = names;
        this.unsupportedNames = unsupportedNames;
    }

    /** Parses a PEM {@code CERTIFICATE REQUEST} and verifies its signature. */
    public static CertificateRequest parse(String pem) {
        return parse(pem, Position.STRING_SOURCE);
    }

    /** Parses a PEM {@code CERTIFICATE REQUEST} from the named source and verifies its signature. */
    public static CertificateRequest parse(String pem, String source) {
        PemBlock block = PemReader.single(pem, source, List.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"));
        return fromDer(block.der(), block.position());
    }

    /** Parses a DER-encoded request and verifies its signature. */
    public static CertificateRequest fromDer(byte[] der) {
        return fromDer(der, Position.of("<der>", 1));
    }

    private static CertificateRequest fromDer(byte[] der, Position at) {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new ParseException(at, "not a PKCS#10 certificate request", null, e);
        }
        try {
            // the key first: a DSA request is refused for its key, whatever digest it was signed with
            String keyOid = request.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
            if (keyOid.equals(DSA)) {
                throw new ParseException(at, "request key is DSA (" + DSA + "), which is refused; make the request with an"
                        + " EC P-256, EC P-384, Ed25519 or RSA (2048 bits or more) key");
            }
            String keyType = KEY_ALGORITHMS.get(keyOid);
            if (keyType == null) {
                throw new ParseException(at, "request key algorithm " + keyOid
                        + " is not supported; use EC P-256, EC P-384, Ed25519 or RSA (2048 bits or more)");
            }
            String signature = request.getSignatureAlgorithm().getAlgorithm().getId();
            if (SHA1_SIGNATURES.containsKey(signature)) {
                throw new ParseException(at, "request signature algorithm " + SHA1_SIGNATURES.get(signature) + " ("
                        + signature + ") uses SHA-1, which is refused; sign it with SHA-256 ECDSA, SHA-256 RSA or Ed25519");
            }
            if (!SIGNATURES.contains(signature)) {
                throw new ParseException(at, "request signature algorithm " + signature
                        + " is not supported; sign it with SHA-256 ECDSA, SHA-256 RSA or Ed25519");
            }
            PublicKey key = KeyFactory.getInstance(keyType)
                    .generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Providers.BC).build(request.getSubjectPublicKeyInfo()))) {
                throw new ParseException(at, "the request's signature does not verify");
            }
            List<String> names = new ArrayList<>();
            List<String> unsupported = new ArrayList<>();
            readNames(request, names, unsupported);
            return new CertificateRequest(request, key, List.copyOf(names), List.copyOf(unsupported));
        } catch (ParseException e) {
            throw e;
        } catch (GeneralSecurityException | IOException | RuntimeException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.pkcs.PKCSException e) {
            throw new ParseException(at, "malformed certificate request", null, e);
        }
    }

    private static void readNames(PKCS10CertificationRequest request, List<String> names, List<String> unsupported) {
        Extensions requested = request.getRequestedExtensions();
        GeneralNames san = requested == null ? null : GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName);
        if (san == null) {
            for (var rdn : request.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)) {
                names.add(rdn.getFirst().getValue().toString());
            }
            return;
        }
        for (GeneralName name : san.getNames()) {
            if (name.getTagNo() == GeneralName.dNSName) {
                names.add(name.getName().toString());
            } else if (name.getTagNo() == GeneralName.iPAddress) {
                byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                if (octets.length == 4 || octets.length == 16) {
                    names.add(Names.ipToString(octets));
                } else {
                    unsupported.add("iPAddress of " + octets.length + " bytes");
                }
            } else {
                unsupported.add(typeName(name.getTagNo()));
            }
        }
    }

    private static String typeName(int tag) {
        switch (tag) {
            case GeneralName.rfc822Name: return "rfc822Name";
            case GeneralName.uniformResourceIdentifier: return "uniformResourceIdentifier";
            case GeneralName.directoryName: return "directoryName";
            case GeneralName.otherName: return "otherName";
            case GeneralName.registeredID: return "registeredID";
            default: return "GeneralName tag " + tag;
        }
    }

    /**
     * Creates a request for the key pair asking for these DNS names and IP addresses (the first
     * becomes the common name), signed with the key type's algorithm — what a server that keeps its
     * key to itself sends to the CA.
     */
    public static CertificateRequest create(KeyPair keyPair, List<String> names) {
        List<String> normalized = Names.normalize(names);
        KeyAlgorithm algorithm = KeyAlgorithm.of(keyPair.getPublic());
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                    X500Name.getInstance(commonName(normalized.get(0)).getEncoded()), keyPair.getPublic());
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, Names.toGeneralNames(normalized));
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            PKCS10CertificationRequest request = builder.build(
                    Signing.signer(algorithm.signatureAlgorithm(), keyPair.getPrivate()));
            return new CertificateRequest(request, keyPair.getPublic(), normalized, List.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a subjectAltName", e);
        }
    }

    /** CN=name, or an empty subject when the name is longer than a CN may be (64 characters). */
    static X500Principal commonName(String name) {
        return new X500Principal(name.length() > 64 ? new byte[] {0x30, 0x00} : encodedCn(name));
    }

    private static byte[] encodedCn(String name) {
        try {
            return new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
                new org.bouncycastle.asn1.x500.RDN(org.bouncycastle.asn1.x500.style.BCStyle.CN,
                        new org.bouncycastle.asn1.DERUTF8String(name))}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a common name", e);
        }
    }

    /** The key to certify. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The subject the request names (informational: the CA builds its own subject). */
    public X500Principal subject() {
        try {
            return new X500Principal(request.getSubject().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a parsed subject", e);
        }
    }

    /** The DNS names and IP addresses requested, as written in the request. */
    public List<String> requestedNames() {
        return names;
    }

    /** Descriptions of requested subjectAltName entries of types this CA does not issue. */
    public List<String> unsupportedNames() {
        return unsupportedNames;
    }

    /** The DER encoding. */
    public byte[] encoded() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a parsed request", e);
        }
    }

    /** The PEM encoding. */
    public String toPem() {
        return PemReader.write("CERTIFICATE REQUEST", encoded());
    }

    @Override
    public String toString() {
        return "CertificateRequest[" + Names.printable(subject().getName()) + ", names " + names + "]";
    }
}
