package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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

    /** Lists the host's local addresses (its local routing tables) and whether it may bind others. */
    private static final String LOCAL = "ip -4 route show table local 2>/dev/null; ip -6 route show table local 2>/dev/null;"
            + " echo \"nonlocal4 $(cat /proc/sys/net/ipv4/ip_nonlocal_bind 2>/dev/null)\";"
            + " echo \"nonlocal6 $(cat /proc/sys/net/ipv6/ip_nonlocal_bind 2>/dev/null)\"";

    /**
     * One sentence for each address {@code sshd -T} would listen on that the host does not have
     * (sshd cannot bind it, and with no address left to bind it exits on reload); empty when every
     * one is local or a wildcard.
     *
     * @param shownLines the values of the {@code listenaddress} lines of {@code sshd -T}
     */
    static List<String> notLocal(Host root, List<String> shownLines, Duration step) throws IOException {
        List<Endpoint> specific = new ArrayList<>();
        for (String line : shownLines) {
            for (Endpoint e : expand(line, List.of())) {
                if (!e.address().equals("0.0.0.0") && !e.address().equals("::")) {
                    specific.add(e);
                }
            }
        }
        if (specific.isEmpty()) {
            return List.of();
        }
        String out = root.run(List.of("sh", "-c", LOCAL), step).stdout();
        List<byte[][]> prefixes = new ArrayList<>();
        boolean nonLocal4 = false;
        boolean nonLocal6 = false;
        for (String line : out.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w.length >= 2 && w[0].equals("local")) {
                prefix(w[1]).ifPresent(prefixes::add);
            } else if (w.length == 2 && w[0].equals("nonlocal4")) {
                nonLocal4 = w[1].equals("1");
            } else if (w.length == 2 && w[0].equals("nonlocal6")) {
                nonLocal6 = w[1].equals("1");
            }
        }
        List<String> problems = new ArrayList<>();
        for (Endpoint e : specific) {
            if (!e.literal()) {
                problems.add("ListenAddress " + e.display() + " is a host name; Bulwark cannot tell whether "
                        + root.name() + " has its addresses: give ListenAddress as an IP address");
                continue;
            }
            byte[] address;
            try {
                address = InetAddress.getByName(stripScope(e.address())).getAddress();
            } catch (UnknownHostException ex) {
                problems.add("ListenAddress " + e.display() + " is not an address");
                continue;
            }
            if (address.length == 4 ? nonLocal4 : nonLocal6) {
                continue;
            }
            if (prefixes.stream().noneMatch(p -> contains(p, address))) {
                problems.add("ListenAddress " + e.display() + " is not an address of " + root.name()
                        + " (not in its local routing table), so sshd cannot listen there; with no address left to"
                        + " listen on, a reload stops sshd");
            }
        }
        return problems;
    }

    /** A prefix {@code addr[/len]} as {address, mask}. */
    private static Optional<byte[][]> prefix(String text) {
        int slash = text.indexOf('/');
        String a = slash < 0 ? text : text.substring(0, slash);
        if (!isLiteral(a)) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(stripScope(a)).getAddress();
            int len = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            byte[] mask = new byte[address.length];
            for (int i = 0; i < mask.length; i++) {
                int bits = Math.max(0, Math.min(8, len - 8 * i));
                mask[i] = (byte) (0xff << (8 - bits));
            }
            return Optional.of(new byte[][] {address, mask});
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean contains(byte[][] prefix, byte[] address) {
        if (prefix[0].length != address.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            if ((prefix[0][i] & prefix[1][i]) != (address[i] & prefix[1][i])) {
                return false;
            }
        }
        return true;
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
