package dev.bulwark.examples.login;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The namespaces a kit is proven in, made once per test class and re-addressed per case: a server
 * and three clients, each behind its own veth pair ({@code eth0} in the client).
 *
 * <pre>
 *   admin   (per case: one address inside the admin's source networks) --- adm0 \
 *   outside (198.51.100.200, 2001:db8:eeee::7: outside every private network) --- out0 -- server
 *   peer    (198.51.100.7, the WireGuard peer's underlay address) ---------- peer0 /
 * </pre>
 *
 * The server's addresses (the spec's WireGuard endpoint address and 2001:db8:ffff::1) sit on its
 * loopback, as a host's public addresses do behind a router; clients route everything to the server
 * (IPv4 on-link, IPv6 via the server's fe80::1), and the server routes each client's address back
 * out of that client's link. Nothing else: the server is the only host each client can reach.
 */
final class KitLab implements AutoCloseable {

    /** The server's IPv6 address. */
    static final String SERVER_V6 = "2001:db8:ffff::1";
    /** The first three bytes of the peers' underlay addresses (the lab's peer is .7). */
    static final String PEER_UNDERLAY_PREFIX = "198.51.100.";
    static final String PEER_UNDERLAY = PEER_UNDERLAY_PREFIX + "7";
    static final String OUTSIDE_V4 = "198.51.100.200";
    static final String OUTSIDE_V6 = "2001:db8:eeee::7";

    private final List<NetworkNamespace> all = new ArrayList<>();
    NetworkNamespace server;
    NetworkNamespace admin;
    NetworkNamespace outside;
    NetworkNamespace peer;
    private String adminRoute;
    private String serverV4;

    private KitLab() {
    }

    /** Makes the lab; on failure deletes what was made. */
    static KitLab create() throws IOException {
        KitLab lab = new KitLab();
        try {
            lab.build();
            return lab;
        } catch (IOException | RuntimeException e) {
            try {
                lab.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void build() throws IOException {
        server = add("kitsrv");
        admin = add("kitadm");
        outside = add("kitout");
        peer = add("kitpeer");
        link(admin, "adm0");
        link(outside, "out0");
        link(peer, "peer0");
        address(outside, InetAddress.getByName(OUTSIDE_V4));
        address(outside, InetAddress.getByName(OUTSIDE_V6));
        address(peer, InetAddress.getByName(PEER_UNDERLAY));
        server.execChecked("ip", "route", "add", OUTSIDE_V4 + "/32", "dev", "out0");
        server.execChecked("ip", "-6", "route", "add", OUTSIDE_V6 + "/128", "dev", "out0");
        server.execChecked("ip", "route", "add", PEER_UNDERLAY + "/32", "dev", "peer0");
        server.addAddress("lo", SERVER_V6 + "/128");
    }

    private NetworkNamespace add(String name) throws IOException {
        NetworkNamespace ns = NetworkNamespace.create(name);
        all.add(ns);
        // addresses added from now on skip duplicate address detection: usable at once
        ns.execChecked("sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0");
        return ns;
    }

    private void link(NetworkNamespace client, String serverEnd) throws IOException {
        server.execChecked("ip", "link", "add", serverEnd, "type", "veth", "peer", "name", "eth0", "netns", client.name());
        server.execChecked("ip", "-6", "addr", "add", "fe80::1/64", "dev", serverEnd, "nodad");
        server.execChecked("ip", "link", "set", serverEnd, "up");
        client.execChecked("ip", "link", "set", "eth0", "up");
        client.execChecked("ip", "route", "add", "default", "dev", "eth0");
        client.execChecked("ip", "-6", "route", "add", "default", "via", "fe80::1", "dev", "eth0");
    }

    private static void address(NetworkNamespace client, InetAddress a) throws IOException {
        client.addAddress("eth0", IpAddresses.format(a) + (a instanceof Inet6Address ? "/128" : "/32"));
    }

    /** Puts the server's IPv4 address (the spec's WireGuard endpoint host, or any) on its loopback. */
    void serverAddress(String v4) throws IOException {
        if (v4.equals(serverV4)) {
            return;
        }
        if (serverV4 != null) {
            server.execChecked("ip", "addr", "del", serverV4 + "/32", "dev", "lo");
        }
        server.execChecked("ip", "addr", "add", v4 + "/32", "dev", "lo");
        serverV4 = v4;
    }

    /** The server's IPv4 address. */
    String serverV4() {
        return serverV4;
    }

    /** The server's address of {@code a}'s family. */
    String serverFor(InetAddress a) {
        return a instanceof Inet6Address ? SERVER_V6 : serverV4;
    }

    /** Gives the admin's client {@code a} (its only global address) and routes it back from the server. */
    void placeAdmin(InetAddress a) throws IOException {
        admin.execChecked("ip", "addr", "flush", "dev", "eth0", "scope", "global");
        if (adminRoute != null) {
            server.execChecked("ip", adminRoute.contains(":") ? "-6" : "-4", "route", "del", adminRoute, "dev", "adm0");
        }
        address(admin, a);
        // removing a link's last IPv4 address removed its IPv4 routes
        admin.execChecked("ip", "route", "replace", "default", "dev", "eth0");
        adminRoute = IpAddresses.format(a) + (a instanceof Inet6Address ? "/128" : "/32");
        server.execChecked("ip", a instanceof Inet6Address ? "-6" : "-4", "route", "add", adminRoute, "dev", "adm0");
    }

    /** Removes every firewall rule from the server (iptables-nft, nft and ufw's all live in nf_tables). */
    void openFirewall() throws IOException {
        server.execChecked("nft", "flush", "ruleset");
    }

    /** Loads {@code rules.v4} and {@code rules.v6} with iptables-restore and ip6tables-restore. */
    void loadIptables(Path kit) throws IOException {
        openFirewall();
        server.execChecked("iptables-restore", kit.resolve("firewall/rules.v4").toString());
        server.execChecked("ip6tables-restore", kit.resolve("firewall/rules.v6").toString());
    }

    /** Loads {@code ruleset.nft} with {@code nft -f}. */
    void loadNft(Path kit) throws IOException {
        openFirewall();
        server.execChecked("nft", "-f", kit.resolve("firewall/ruleset.nft").toString());
    }

    /**
     * Runs {@code ufw.sh} with real ufw in the server's namespace, in a private mount namespace where a
     * fresh copy of {@code /etc/ufw} (ufw's pristine user rules), of {@code /etc/default/ufw} and an empty
     * {@code /run} (ufw's lock) are bind-mounted over the machine's: the machine's own ufw is never touched.
     */
    void loadUfw(Path kit, Path work) throws IOException {
        openFirewall();
        Path dir = Files.createTempDirectory(work, "ufw");
        Path etc = dir.resolve("etc-ufw");
        Path run = Files.createDirectory(dir.resolve("run"));
        server.execChecked("cp", "-a", "/etc/ufw", etc.toString());
        for (String f : List.of("user.rules", "user6.rules")) {
            Path pristine = Path.of("/usr/share/ufw", f);
            if (Files.isRegularFile(pristine)) {
                Files.copy(pristine, etc.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path defaults = dir.resolve("default-ufw");
        Files.copy(Path.of("/etc/default/ufw"), defaults);
        String script = "set -e; mount --bind \"$1\" /etc/ufw; mount --bind \"$2\" /etc/default/ufw;"
                + " mount --bind \"$3\" /run; exec sh \"$4\"";
        NetworkNamespace.ProcessResult r = server.exec("unshare", "-m", "--propagation", "private", "sh", "-c", script,
                "ufw-sandbox", etc.toString(), defaults.toString(), run.toString(),
                kit.resolve("firewall/ufw.sh").toString());
        if (r.exitCode() != 0) {
            throw new IOException("ufw.sh exited " + r.exitCode() + ": " + r.output());
        }
    }

    /** Whether {@code client} reaches the server's address {@code to} at all (ICMP echo, which every kit allows). */
    boolean pings(NetworkNamespace client, String to) throws IOException {
        return client.exec("ping", "-c", "1", "-W", "2", to).exitCode() == 0;
    }

    /** Runs {@code command} in {@code ns} with exactly the environment {@code env} (plus PATH). */
    static NetworkNamespace.ProcessResult run(NetworkNamespace ns, List<String> env, List<String> command)
            throws IOException {
        List<String> full = new ArrayList<>(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        full.addAll(env);
        full.addAll(command);
        return ns.exec(full.toArray(String[]::new));
    }

    /** The path of a tool, for commands run inside a namespace. */
    static String tool(String name) {
        return Tools.path(name);
    }

    @Override
    public void close() throws IOException {
        NetworkNamespace.closeAll(all);
    }
}
