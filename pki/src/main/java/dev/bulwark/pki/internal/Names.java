package dev.bulwark.pki.internal;

import dev.bulwark.core.ValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** DNS names and IP address literals for subjectAltName: validation and encoding. Not API. */
public final class Names {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Names() {
    }

    /** Whether the text looks like an IP address literal (IPv4 dotted quad or IPv6 with colons). */
    public static boolean looksLikeIp(String text) {
        return IPV4.matcher(text).matches() || text.indexOf(':') >= 0;
    }

    /** Parses an IP address literal without any DNS lookup. */
    public static InetAddress parseIp(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255 || part.length() > 1 && part.startsWith("0")) {
                    throw new ValidationException("'" + printable(text) + "' is not an IPv4 address");
                }
            }
        } else if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
            throw new ValidationException("'" + printable(text) + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new ValidationException("'" + printable(text) + "' is not an IP address");
        }
    }

    /** Validates and lower-cases a DNS name; a leading {@code *.} wildcard label is allowed. */
    public static String checkDnsName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String rest = lower.startsWith("*.") ? lower.substring(2) : lower;
        if (lower.length() > 253 || rest.isEmpty()) {
            throw new ValidationException("'" + printable(name) + "' is not a DNS name");
        }
        String[] labels = rest.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new ValidationException("'" + printable(name)
                        + "' is not a DNS name (labels are letters, digits and inner hyphens; use punycode for IDNs)");
            }
        }
        if (lower.startsWith("*.") && labels.length < 2) {
            throw new ValidationException("wildcard '" + printable(name) + "' must cover a name of two or more labels");
        }
        return lower;
    }

    /** Normalizes names: DNS names lower-cased, IPs in canonical form, duplicates removed. */
    public static List<String> normalize(List<String> names) {
        if (names.isEmpty()) {
            throw new ValidationException("a leaf certificate needs at least one DNS name or IP address");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null) {
                throw new ValidationException("names must not contain null");
            }
            if (looksLikeIp(name)) {
                out.add(ipToString(parseIp(name).getAddress()));
            } else {
                out.add(checkDnsName(name));
            }
        }
        return List.copyOf(out);
    }

    /** The subjectAltName value for normalized names. */
    public static GeneralNames toGeneralNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            if (looksLikeIp(name)) {
                out.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(parseIp(name).getAddress())));
            } else {
                out.add(new GeneralName(GeneralName.dNSName, name));
            }
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    /** The canonical text form of a raw address. */
    public static String ipToString(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + address.length + " bytes", e);
        }
    }

    /** The text with control characters replaced, safe to quote in a message. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 100; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 100 ? out + "..." : out.toString();
    }
}
