package dev.bulwark.pki.internal;

import dev.bulwark.core.ValidationException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The name constraints (RFC 5280 §4.2.1.10) of one CA certificate, checked against the names a
 * certificate below it would carry: DNS names and IP addresses (subjectAltName), the subject
 * distinguished name and any emailAddress attribute in it. Matching follows RFC 5280 and OpenSSL
 * ({@code example.com} covers itself and its subdomains, {@code .example.com} only subdomains; an IP
 * subtree is an address and mask). Read in the safe direction: once a certificate permits any
 * subtree, a DNS name or IP address is refused unless a permitted subtree of its own type covers it
 * (an intermediate constrained to {@code example.internal} does not sign {@code 192.168.1.1}, although
 * RFC 5280 alone would let relying parties accept it); a wildcard is refused when it covers an
 * excluded name. Not API.
 */
final class NameSubtrees {

    private final String owner;
    private final List<GeneralName> permitted;
    private final List<GeneralName> excluded;

    private NameSubtrees(String owner, List<GeneralName> permitted, List<GeneralName> excluded) {
        this.owner = owner;
        this.permitted = permitted;
        this.excluded = excluded;
    }

    /** The certificate's name constraints, if it has any. */
    static Optional<NameSubtrees> of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.nameConstraints.getId());
        if (extension == null) {
            return Optional.empty();
        }
        String owner = certificate.getSubjectX500Principal().getName();
        try {
            NameConstraints constraints = NameConstraints.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
            return Optional.of(new NameSubtrees(owner, bases(constraints.getPermittedSubtrees(), owner),
                    bases(constraints.getExcludedSubtrees(), owner)));
        } catch (ValidationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ValidationException("cannot read the name constraints of " + owner
                    + "; nothing is issued under constraints that cannot be checked", e);
        }
    }

    private static List<GeneralName> bases(GeneralSubtree[] subtrees, String owner) {
        List<GeneralName> out = new ArrayList<>();
        if (subtrees != null) {
            for (GeneralSubtree subtree : subtrees) {
                if (subtree.getMinimum().signum() != 0 || subtree.getMaximum() != null) {
                    throw new ValidationException("the name constraints of " + owner + " use minimum/maximum,"
                            + " which RFC 5280 forbids; nothing is issued under constraints that cannot be checked");
                }
                out.add(subtree.getBase());
            }
        }
        return List.copyOf(out);
    }

    /** Throws unless the DNS name (lower-case, possibly {@code *.} wildcard) lies within these constraints. */
    void checkDns(String name) {
        String refused = "name constraints of " + owner + " refuse DNS name " + name;
        for (GeneralName base : ofType(excluded, GeneralName.dNSName)) {
            String subtree = text(base);
            if (dnsWithin(name, subtree) || coveredByWildcard(name, subtree)) {
                throw new ValidationException(refused + ": excluded subtree " + describe(base));
            }
        }
        requirePermitted(GeneralName.dNSName, base -> dnsWithin(name, text(base)), refused, "DNS names");
    }

    /** Throws unless the raw IP address lies within these constraints. */
    void checkIp(byte[] address, String text) {
        String refused = "name constraints of " + owner + " refuse IP address " + text;
        for (GeneralName base : ofType(excluded, GeneralName.iPAddress)) {
            if (ipWithin(address, base)) {
                throw new ValidationException(refused + ": excluded subtree " + describe(base));
            }
        }
        requirePermitted(GeneralName.iPAddress, base -> ipWithin(address, base), refused, "IP addresses");
    }

    /** Throws unless the subject (and any emailAddress in it) lies within these constraints; an empty subject is not checked. */
    void checkSubject(X500Name subject) {
        if (subject.getRDNs().length == 0) {
            return;
        }
        String refused = "name constraints of " + owner + " refuse subject " + Names.printable(rfc2253(subject));
        for (GeneralName base : ofType(excluded, GeneralName.directoryName)) {
            if (dnWithin(subject, base)) {
                throw new ValidationException(refused + ": excluded subtree " + describe(base));
            }
        }
        List<GeneralName> permittedDns = ofType(permitted, GeneralName.directoryName);
        if (!permittedDns.isEmpty() && permittedDns.stream().noneMatch(base -> dnWithin(subject, base))) {
            throw new ValidationException(refused + ": not within the permitted subtrees " + describeAll(permittedDns));
        }
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            checkEmail(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
    }

    private void checkEmail(String mailbox) {
        String refused = "name constraints of " + owner + " refuse email address " + Names.printable(mailbox);
        for (GeneralName base : ofType(excluded, GeneralName.rfc822Name)) {
            if (emailWithin(mailbox.toLowerCase(Locale.ROOT), text(base).toLowerCase(Locale.ROOT))) {
                throw new ValidationException(refused + ": excluded subtree " + describe(base));
            }
        }
        List<GeneralName> permittedEmail = ofType(permitted, GeneralName.rfc822Name);
        if (!permittedEmail.isEmpty() && permittedEmail.stream().noneMatch(base -> emailWithin(mailbox, text(base)))) {
            throw new ValidationException(refused + ": not within the permitted subtrees " + describeAll(permittedEmail));
        }
    }

    private void requirePermitted(int type, java.util.function.Predicate<GeneralName> within, String refused, String what) {
        if (permitted.isEmpty()) {
            return;
        }
        List<GeneralName> ofType = ofType(permitted, type);
        if (ofType.isEmpty()) {
            throw new ValidationException(refused + ": they permit no " + what + " (permitted: " + describeAll(permitted) + ")");
        }
        if (ofType.stream().noneMatch(within)) {
            throw new ValidationException(refused + ": not within the permitted subtrees " + describeAll(ofType));
        }
    }

    private static List<GeneralName> ofType(List<GeneralName> names, int type) {
        return names.stream().filter(n -> n.getTagNo() == type).collect(Collectors.toUnmodifiableList());
    }

    private static String text(GeneralName name) {
        return ASN1IA5String.getInstance(name.getName()).getString();
    }

    /** RFC 5280 / OpenSSL: an empty subtree covers every name, {@code .x} only subdomains of x, {@code x} also x itself. */
    static boolean dnsWithin(String name, String subtree) {
        String base = subtree.toLowerCase(Locale.ROOT);
        if (base.isEmpty()) {
            return true;
        }
        if (base.startsWith(".")) {
            return name.endsWith(base);
        }
        return name.equals(base) || name.endsWith("." + base);
    }

    /** Whether a wildcard name covers a name of the excluded subtree: {@code *.w} covers {@code label.w}. */
    static boolean coveredByWildcard(String name, String excludedSubtree) {
        if (!name.startsWith("*.")) {
            return false;
        }
        String scope = name.substring(1);
        String base = excludedSubtree.toLowerCase(Locale.ROOT);
        if (base.isEmpty() || base.startsWith(".")) {
            return false; // an empty subtree already matched; .x holds only names two labels below the wildcard's scope
        }
        return base.endsWith(scope) && base.length() > scope.length() && base.indexOf('.') == base.length() - scope.length();
    }

    private static boolean ipWithin(byte[] address, GeneralName base) {
        byte[] subtree = ASN1OctetString.getInstance(base.getName()).getOctets();
        if (subtree.length != address.length * 2) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            byte mask = subtree[address.length + i];
            if ((address[i] & mask) != (subtree[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean dnWithin(X500Name subject, GeneralName base) {
        RDN[] prefix = X500Name.getInstance(base.getName()).getRDNs();
        RDN[] rdns = subject.getRDNs();
        if (prefix.length > rdns.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!IETFUtils.rDNAreEqual(prefix[i], rdns[i])) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5280: {@code user@host} one mailbox, {@code host} every mailbox at host, {@code .domain} mailboxes at its subdomains. */
    private static boolean emailWithin(String mailbox, String subtree) {
        if (subtree.indexOf('@') >= 0) {
            int at = subtree.lastIndexOf('@');
            int mailboxAt = mailbox.lastIndexOf('@');
            return mailboxAt == at && mailbox.regionMatches(0, subtree, 0, at)
                    && mailbox.substring(at + 1).equalsIgnoreCase(subtree.substring(at + 1));
        }
        String host = mailbox.substring(mailbox.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String base = subtree.toLowerCase(Locale.ROOT);
        return base.startsWith(".") ? host.endsWith(base) : host.equals(base);
    }

    private static String describeAll(List<GeneralName> names) {
        return names.stream().map(NameSubtrees::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A subtree as openssl prints it ({@code DNS:example.com}, {@code IP:10.0.0.0/8}). */
    static String describe(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName: return "DNS:" + Names.printable(text(name));
            case GeneralName.rfc822Name: return "email:" + Names.printable(text(name));
            case GeneralName.uniformResourceIdentifier: return "URI:" + Names.printable(text(name));
            case GeneralName.directoryName: return "DirName:" + Names.printable(rfc2253(X500Name.getInstance(name.getName())));
            case GeneralName.iPAddress: return "IP:" + ipSubtree(ASN1OctetString.getInstance(name.getName()).getOctets());
            default: return "GeneralName tag " + name.getTagNo();
        }
    }

    /** A name as the JDK prints it (RFC 2253, last RDN first), as the rest of the module does. */
    private static String rfc2253(X500Name name) {
        try {
            return new javax.security.auth.x500.X500Principal(name.getEncoded()).getName();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a parsed name", e);
        }
    }

    private static String ipSubtree(byte[] octets) {
        if (octets.length != 8 && octets.length != 32) {
            return "(" + octets.length + " bytes)";
        }
        int half = octets.length / 2;
        byte[] address = java.util.Arrays.copyOf(octets, half);
        int prefix = new BigInteger(1, java.util.Arrays.copyOfRange(octets, half, octets.length)).bitCount();
        return Names.ipToString(address) + "/" + prefix;
    }
}
