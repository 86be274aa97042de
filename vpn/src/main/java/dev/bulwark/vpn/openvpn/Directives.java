package dev.bulwark.vpn.openvpn;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** Shared pieces of OpenVPN config text, validated so that nothing injects a directive. Not API. */
final class Directives {

    /** The modern defaults both ends use. */
    static final String TLS_VERSION_MIN = "1.2";
    static final String DATA_CIPHERS = "AES-256-GCM:CHACHA20-POLY1305";
    static final String TLS_GROUPS = "X25519:secp256r1:secp384r1";

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Directives() {
    }

    static String word(String what, String value) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new ValidationException(what + " '" + printable(value) + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    /** A host for {@code remote} or {@code verify-x509-name}: an IP literal or a DNS name. */
    static String host(String what, String value) {
        if (value != null && IpAddresses.tryParse(value).isPresent()) {
            return value;
        }
        if (value == null || value.isEmpty() || value.length() > 253) {
            throw new ValidationException(what + " '" + printable(value) + "' is neither an IP address nor a DNS name");
        }
        for (String label : value.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new ValidationException(what + " '" + printable(value) + "' is neither an IP address nor a DNS name");
            }
        }
        return value;
    }

    static String port(int port) {
        if (port < 1 || port > 65535) {
            throw new ValidationException("port " + port + " is outside 1..65535");
        }
        return Integer.toString(port);
    }

    /** {@code 10.8.0.0 255.255.255.0} for an IPv4 network. */
    static String addressAndMask(IpNetwork network) {
        if (!network.isIpv4()) {
            throw new ValidationException("network " + network + " is not IPv4");
        }
        long mask = network.prefixLength() == 0 ? 0 : 0xffffffffL << (32 - network.prefixLength()) & 0xffffffffL;
        return IpAddresses.format(network.address()) + " " + (mask >> 24) + "." + (mask >> 16 & 0xff) + "."
                + (mask >> 8 & 0xff) + "." + (mask & 0xff);
    }

    static String pushRoute(IpNetwork network) {
        return network.isIpv4() ? "push \"route " + addressAndMask(network) + "\"" : "push \"route-ipv6 " + network + "\"";
    }

    static String pushDns(InetAddress resolver) {
        return "push \"dhcp-option " + (resolver.getAddress().length == 4 ? "DNS " : "DNS6 ")
                + IpAddresses.format(resolver) + "\"";
    }

    /**
     * Appends {@code <tag>pem</tag>}. The content is PEM Bulwark made, which never holds {@code <}:
     * one would mean a bug that lets content close the block early and inject directives.
     */
    static void inline(StringBuilder out, String tag, String pem) {
        if (pem.indexOf('<') >= 0) {
            throw new IllegalStateException("the inline <" + tag + "> content holds '<', which could close the block early");
        }
        out.append('<').append(tag).append(">\n").append(pem.endsWith("\n") ? pem : pem + "\n")
                .append("</").append(tag).append(">\n");
    }

    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 80; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
