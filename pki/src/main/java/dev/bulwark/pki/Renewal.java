package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.pki.internal.Names;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads back what a leaf certificate was issued for, so it can be re-issued alike. */
final class Renewal {

    private Renewal() {
    }

    static LeafProfile profileOf(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages == null) {
                throw new ValidationException("certificate has no extended key usage; only leaf certificates are renewed");
            }
            return LeafProfile.of(usages.contains("1.3.6.1.5.5.7.3.1"), usages.contains("1.3.6.1.5.5.7.3.2"));
        } catch (CertificateParsingException e) {
            throw new ValidationException("certificate's extended key usage is malformed", e);
        }
    }

    static List<String> namesOf(X509Certificate certificate) {
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            List<String> names = new ArrayList<>();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        names.add((String) entry.get(1));
                    } else if (type == 7) {
                        names.add(Names.ipToString(InetAddress.getByName((String) entry.get(1)).getAddress()));
                    }
                }
            }
            if (names.isEmpty()) {
                throw new ValidationException("certificate has no DNS or IP subjectAltName to renew");
            }
            return names;
        } catch (CertificateParsingException | java.net.UnknownHostException e) {
            throw new ValidationException("certificate's subjectAltName is malformed", e);
        }
    }
}
