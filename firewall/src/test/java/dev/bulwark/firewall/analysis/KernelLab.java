package dev.bulwark.firewall.analysis;

import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.testing.NetworkNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server namespace with clients behind named interfaces, Python listeners in the server and
 * Python probers in the clients. Everything is deleted on close.
 *
 * <p>{@link #KernelLab()} has a "public" client (198.51.100.2, 2001:db8:51::2 behind the server's
 * {@code pub0}) and a "private" one (10.20.0.2, fd00:20::2 behind {@code priv0}). {@link #full()}
 * adds a VPN client (10.8.0.2, fd00:8::2 behind a veth named {@code wg0}) and a container
 * (172.17.0.2, fd00:17::2 behind a bridge {@code docker0}), turns forwarding on in the server and
 * gives it a default route out of {@code pub0}, as on a real host. Every client routes everything
 * through the server, so it can try any of the server's addresses.
 */
final class KernelLab implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";

    /**
     * One client of the lab.
     *
     * @param name        what the tests call it
     * @param serverIface the server's interface its packets arrive on
     * @param v4          its IPv4 address
     * @param v6          its IPv6 address
     * @param serverV4    the server's IPv4 address on that link
     * @param serverV6    the server's IPv6 address on that link
     * @param ns          its namespace
     */
    record Client(String name, String serverIface, String v4, String v6, String serverV4, String serverV6,
                  NetworkNamespace ns) {

        String address(boolean ipv6) {
            return ipv6 ? v6 : v4;
        }

        String serverAddress(boolean ipv6) {
            return ipv6 ? serverV6 : serverV4;
        }
    }

    final NetworkNamespace server;
    final Map<String, Client> clients = new LinkedHashMap<>();

    /** The two-client lab: public and private. */
    KernelLab() throws IOException {
        this(false);
    }

    /** The lab with the public, private and VPN clients and a container behind docker0. */
    static KernelLab full() throws IOException {
        return new KernelLab(true);
    }

    /** The public, private and VPN clients, without the container, forwarding or path checks. */
    static KernelLab withVpn() throws IOException {
        KernelLab lab = new KernelLab(false);
        try {
            lab.client("vpn", "wg0", "10.8.0", "fd00:8:", 24);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private KernelLab(boolean full) throws IOException {
        server = NetworkNamespace.create("srv");
        try {
            noDad(server);
            client("public", "pub0", "198.51.100", "2001:db8:51:", 24);
            client("private", "priv0", "10.20.0", "fd00:20:", 24);
            server.execChecked("ip", "route", "add", "default", "via", "198.51.100.2", "dev", "pub0");
            server.execChecked("ip", "-6", "route", "add", "default", "via", "2001:db8:51::2", "dev", "pub0");
            if (full) {
                client("vpn", "wg0", "10.8.0", "fd00:8:", 24);
                container();
                server.execChecked("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
                awaitPaths();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Interfaces created in {@code ns} from now on skip duplicate address detection: their addresses work at once. */
    private static void noDad(NetworkNamespace ns) throws IOException {
        ns.execChecked("sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0", "net.ipv6.conf.all.accept_dad=0");
    }

    /**
     * Waits until every client reaches the server and the container on both families (neighbour
     * discovery and the bridge settle), polling with a deadline.
     */
    private void awaitPaths() throws IOException {
        Client ctr = clients.get("container");
        for (Client c : clients.values()) {
            for (String to : List.of(c.serverV4(), c.serverV6(), ctr.v4(), ctr.v6())) {
                if (c != ctr || to.endsWith("1")) {
                    await(c.ns(), to);
                }
            }
        }
    }

    private static void await(NetworkNamespace ns, String address) throws IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (ns.exec("ping", "-c1", "-W1", "-q", address).exitCode() != 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(ns.name() + " does not reach " + address + " after 20 s");
            }
        }
    }

    /** A client namespace behind a veth whose server end is {@code iface}; .1 is the server, .2 the client. */
    private void client(String name, String iface, String v4Prefix, String v6Prefix, int v4Length) throws IOException {
        NetworkNamespace ns = NetworkNamespace.create(name);
        noDad(ns);
        clients.put(name, new Client(name, iface, v4Prefix + ".2", v6Prefix + ":2", v4Prefix + ".1", v6Prefix + ":1", ns));
        server.execChecked("ip", "link", "add", iface, "type", "veth", "peer", "name", "eth0", "netns", ns.name());
        server.addAddress(iface, v4Prefix + ".1/" + v4Length);
        server.addAddress(iface, v6Prefix + ":1/64");
        server.execChecked("ip", "link", "set", iface, "up");
        up(ns, v4Prefix + ".2/" + v4Length, v6Prefix + ":2/64", v4Prefix + ".1", v6Prefix + ":1");
    }

    /** The container: eth0 in its own namespace, its peer enslaved to the server's bridge docker0. */
    private void container() throws IOException {
        NetworkNamespace ns = NetworkNamespace.create("ctr");
        noDad(ns);
        clients.put("container", new Client("container", "docker0", "172.17.0.2", "fd00:17::2", "172.17.0.1",
                "fd00:17::1", ns));
        server.execChecked("ip", "link", "add", "docker0", "type", "bridge");
        server.addAddress("docker0", "172.17.0.1/16");
        server.addAddress("docker0", "fd00:17::1/64");
        server.execChecked("ip", "link", "set", "docker0", "up");
        server.execChecked("ip", "link", "add", "vethctr", "type", "veth", "peer", "name", "eth0", "netns", ns.name());
        server.execChecked("ip", "link", "set", "vethctr", "master", "docker0");
        server.execChecked("ip", "link", "set", "vethctr", "up");
        up(ns, "172.17.0.2/16", "fd00:17::2/64", "172.17.0.1", "fd00:17::1");
    }

    private static void up(NetworkNamespace ns, String v4, String v6, String gw4, String gw6) throws IOException {
        ns.addAddress("eth0", v4);
        ns.addAddress("eth0", v6);
        ns.execChecked("ip", "link", "set", "eth0", "up");
        ns.execChecked("ip", "route", "add", "default", "via", gw4);
        ns.execChecked("ip", "-6", "route", "add", "default", "via", gw6);
    }

    /** Starts listeners (proto/address/port) in the server and waits until they are bound. */
    void listen(String... endpoints) throws IOException {
        listen(server, "host", endpoints);
    }

    /**
     * Starts listeners in {@code ns} and waits until they are bound; each answers a connection with
     * {@code "<name>:<endpoint>"}.
     */
    void listen(NetworkNamespace ns, String name, String... endpoints) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script("listeners.py"), "--name", name));
        cmd.addAll(List.of(endpoints));
        Process p = ns.start(cmd.toArray(String[]::new));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            throw new IOException("listeners did not start: " + line + " " + drain(out));
        }
    }

    private static String drain(BufferedReader r) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String l = r.readLine(); l != null && b.length() < 4000; l = r.readLine()) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /** The rules the server's kernel runs now, both families. */
    Ruleset savedRules() throws IOException {
        return IptablesSave.parse(server.execChecked("iptables-save").output(), "iptables-save")
                .merge(IptablesSave.parse(server.execChecked("ip6tables-save").output(), "ip6tables-save"));
    }

    /**
     * A prober that stays up in the client's namespace: {@link Prober#probe} tries a batch of
     * targets at once and returns "result,answer" per target.
     */
    Prober prober(Client client, double timeoutSeconds) throws IOException {
        Process p = client.ns().start(PYTHON, "-u", "-c", script("/dev/bulwark/firewall/apply/probe.py"), "--serve",
                Double.toString(timeoutSeconds));
        Prober prober = new Prober(p);
        String line = prober.out.readLine();
        if (!"ready".equals(line)) {
            throw new IOException("prober did not start in " + client.name() + ": " + line + " " + drain(prober.out));
        }
        return prober;
    }

    /**
     * A shell that stays up in {@code ns}, so that a test running many short commands there does
     * not pay for {@code ip netns exec} each time.
     */
    Shell shell(NetworkNamespace ns) throws IOException {
        return new Shell(ns.start("sh"));
    }

    /** A running {@code sh}: {@link #run} one command line at a time. */
    static final class Shell {
        private static final String MARK = "--bulwark-shell-exit";
        private final BufferedReader out;
        private final Writer in;

        private Shell(Process p) {
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Runs a command line (stdin from /dev/null, stderr with stdout); returns its exit code and output. */
        NetworkNamespace.ProcessResult run(String commandLine) throws IOException {
            in.write("{ " + commandLine + "\n} < /dev/null 2>&1; printf '\\n" + MARK + " %d\\n' $?\n");
            in.flush();
            StringBuilder b = new StringBuilder();
            for (String line = out.readLine(); ; line = out.readLine()) {
                if (line == null) {
                    throw new IOException("the shell ended during '" + commandLine + "': " + b);
                }
                if (line.startsWith(MARK + " ")) {
                    return new NetworkNamespace.ProcessResult(Integer.parseInt(line.substring(MARK.length() + 1)),
                            b.toString());
                }
                b.append(line).append('\n');
            }
        }

        /** {@link #run}, throwing when the command fails. */
        String checked(String commandLine) throws IOException {
            NetworkNamespace.ProcessResult r = run(commandLine);
            if (r.exitCode() != 0) {
                throw new IOException(commandLine + " exited " + r.exitCode() + ": " + r.output());
            }
            return r.output();
        }
    }

    /** A running {@code probe.py --serve}. */
    static final class Prober {
        private final BufferedReader out;
        private final Writer in;

        private Prober(Process p) {
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Sends a batch (distinct "proto,address,port" targets, tried from source ports first, first+1, ...). */
        void send(int firstSourcePort, List<String> targets) throws IOException {
            in.write(firstSourcePort + " " + String.join(" ", targets) + "\n");
            in.flush();
        }

        /** The answers to the batch sent last: target → "result,answer" (result open, refused, filtered). */
        Map<String, String> receive() throws IOException {
            Map<String, String> results = new LinkedHashMap<>();
            for (String line = out.readLine(); !"end".equals(line); line = out.readLine()) {
                if (line == null) {
                    throw new IOException("prober ended after " + results);
                }
                String[] f = line.split(",", 5);
                if (f.length < 5) {
                    throw new IOException("prober said '" + line + "'");
                }
                results.put(f[0] + "," + f[1] + "," + f[2], f[3] + "," + f[4]);
            }
            return results;
        }
    }

    /**
     * What each client observes for each non-loopback socket: key {@code "<socket> from <client>"}.
     * Wildcard sockets are tried at the server's address on the client's own link.
     */
    Map<String, Boolean> observe(List<SocketExposure> exposures) throws IOException {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Client c : clients.values()) {
            List<String> targets = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (SocketExposure e : exposures) {
                String target = target(e.socket(), c);
                if (target != null) {
                    targets.add(target);
                    keys.add(e.socket().netidName() + " " + e.socket().local() + " from " + c.name());
                }
            }
            List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script("/dev/bulwark/firewall/apply/probe.py"), "0.7"));
            cmd.addAll(targets);
            String out = c.ns().execChecked(cmd.toArray(String[]::new)).output();
            for (int i = 0; i < targets.size(); i++) {
                seen.put(keys.get(i), out.contains(targets.get(i) + ",open\n"));
            }
        }
        return seen;
    }

    /** What the analysis predicts for the same pairs: the client's address is among the sources. */
    Map<String, Boolean> predict(List<SocketExposure> exposures) {
        Map<String, Boolean> predicted = new LinkedHashMap<>();
        for (Client c : clients.values()) {
            for (SocketExposure e : exposures) {
                if (target(e.socket(), c) == null) {
                    continue;
                }
                InetAddress client = dev.bulwark.core.net.IpAddresses.parse(
                        c.address(e.socket().local().address().contains(":")));
                boolean reachable = e.sources().stream().anyMatch(n -> n.isIpv4() == (client instanceof java.net.Inet4Address)
                        && n.contains(client));
                predicted.put(e.socket().netidName() + " " + e.socket().local() + " from " + c.name(), reachable);
            }
        }
        return predicted;
    }

    private static String target(SocketEntry s, Client c) {
        String a = s.local().address();
        if (a.startsWith("127.") || a.equals("::1")) {
            return null;
        }
        String host = a.equals("0.0.0.0") ? c.serverV4() : a.equals("::") ? c.serverV6() : a;
        return s.netidName() + "," + host + "," + s.local().port();
    }

    static String script(String name) throws IOException {
        try (InputStream in = KernelLab.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        for (Client c : clients.values()) {
            c.ns().close();
        }
        server.close();
    }
}
