package dev.bulwark.ssh.remote;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ListenAddress} values as sshd means them: an address without a port listens on every
 * {@code Port}; {@code sshd -T} prints each as {@code addr:port} ({@code [addr]:port} for IPv6), in
 * canonical form. Not API.
 */
final class ListenAddresses {

    /** An IP literal: dotted IPv4, or hex digits and colons (IPv6, possibly with an embedded IPv4 tail). */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ListenAddresses() {
    }

    /** One endpoint: a canonical address (or a host name, lower case) and a port, and the rest (rdomain). */
    record Endpoint(String address, boolean literal, int port, String rest) {
        String display() {
            String a = address.contains(":") ? "[" + address + "]" : address;
            return a + ":" + port + (rest.isEmpty() ? "" : " " + rest);
        }
    }

    /**
     * Why the listen addresses sshd shows differ from the intended ones; empty when they mean the same.
     *
     * @param intended the effective ListenAddress values of the new configuration
     * @param ports    its effective Port values
     * @param shown    the values of the {@code listenaddress} lines {@code sshd -T} printed
     */
    static Optional<String> differences(List<String> intended, List<String> ports, List<String> shown) {
        List<String> want = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String value : intended) {
            for (Endpoint e : expand(value, ports)) {
                want.add(e.display());
                if (!e.literal()) {
                    names.add(e.address());
                }
            }
        }
        List<String> seen = new ArrayList<>();
        for (String line : shown) {
            expand(line, ports).forEach(e -> seen.add(e.display()));
        }
        if (!names.isEmpty()) {
            return Optional.of("ListenAddress: intended '" + String.join(" ", want) + "' names a host ("
                    + String.join(", ", names) + ") that sshd resolves to '" + String.join(" ", seen)
                    + "'; Bulwark compares addresses only: give ListenAddress as an IP address");
        }
        if (want.stream().sorted().toList().equals(seen.stream().sorted().toList())) {
            return Optional.empty();
        }
        return Optional.of("ListenAddress: intended '" + String.join(" ", want) + "', sshd -T shows '"
                + String.join(" ", seen) + "'");
    }

    /**
     * The endpoints one ListenAddress value means: {@code host}, {@code host:port}, {@code [host]:port}
     * or a bare IPv6 address, optionally followed by {@code rdomain name}.
     */
    static List<Endpoint> expand(String value, List<String> ports) {
        String[] words = value.strip().split("\\s+", 2);
        String first = words[0];
        String rest = words.length > 1 ? words[1].strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) : "";
        String host;
        String port = null;
        if (first.startsWith("[") && first.contains("]")) {
            host = first.substring(1, first.indexOf(']'));
            String tail = first.substring(first.indexOf(']') + 1);
            if (tail.startsWith(":")) {
                port = tail.substring(1);
            }
        } else if (first.indexOf(':') >= 0 && first.indexOf(':') == first.lastIndexOf(':')) {
            host = first.substring(0, first.indexOf(':'));
            port = first.substring(first.indexOf(':') + 1);
        } else {
            host = first;
        }
        List<String> usedPorts = port != null ? List.of(port) : ports.isEmpty() ? List.of("22") : ports;
        String canonical = canonical(host);
        List<Endpoint> out = new ArrayList<>();
        for (String p : usedPorts) {
            int n;
            try {
                n = Integer.parseInt(p.strip());
            } catch (NumberFormatException e) {
                n = -1;
            }
            out.add(new Endpoint(canonical, isLiteral(host), n, rest));
        }
        return out;
    }

    static boolean isLiteral(String host) {
        return LITERAL.matcher(stripScope(host)).matches();
    }

    /** An IP literal in canonical form (IPv6 compressed, as sshd prints it); a host name in lower case. */
    static String canonical(String host) {
        if (!isLiteral(host)) {
            return host.toLowerCase(Locale.ROOT);
        }
        String bare = stripScope(host);
        String scope = host.substring(bare.length());
        try {
            byte[] b = InetAddress.getByName(bare).getAddress();
            return (b.length == 4 ? InetAddress.getByAddress(b).getHostAddress() : compressed(b)) + scope;
        } catch (UnknownHostException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    private static String stripScope(String host) {
        int pct = host.indexOf('%');
        return pct < 0 ? host : host.substring(0, pct);
    }

    /** RFC 5952 text of an IPv6 address: lower-case hex, the longest run of two or more zero groups as {@code ::}. */
    static String compressed(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
