package dev.bulwark.firewall.analysis.golden;

import dev.bulwark.core.net.IpAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a golden scenario's {@code observed.tsv}: a real connection attempt from a client
 * to the server and whether it got through.
 *
 * @param client      the client's class in the lab ({@code public}, {@code private}, {@code vpn}, {@code container})
 * @param source      the client's source address
 * @param iface       the server interface the probe arrives on
 * @param destination the address the client connected to
 * @param protocol    {@code tcp} or {@code udp}
 * @param port        the destination port
 * @param open        whether the TCP handshake completed or the UDP datagram was echoed
 */
record Probe(String client, InetAddress source, String iface, InetAddress destination, String protocol, int port,
             boolean open) {

    boolean ipv6() {
        return destination instanceof Inet6Address;
    }

    /** Parses the tab-separated lines of an {@code observed.tsv}; {@code #} lines are comments. */
    static List<Probe> parseAll(String tsv, String source) {
        List<Probe> out = new ArrayList<>();
        String[] lines = tsv.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7 || !(f[6].equals("open") || f[6].equals("closed"))) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": not a probe line: '" + line + "'");
            }
            out.add(new Probe(f[0], IpAddresses.parse(f[1]), f[2], IpAddresses.parse(f[3]), f[4],
                    Integer.parseInt(f[5]), f[6].equals("open")));
        }
        return out;
    }

    @Override
    public String toString() {
        return client + " " + IpAddresses.format(source) + " on " + iface + " -> " + protocol + " "
                + (ipv6() ? "[" + IpAddresses.format(destination) + "]" : IpAddresses.format(destination)) + ":" + port
                + " observed " + (open ? "open" : "closed");
    }
}
