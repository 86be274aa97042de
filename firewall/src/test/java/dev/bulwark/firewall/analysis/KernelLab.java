package dev.bulwark.firewall.analysis;

import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.testing.NetworkNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server namespace reachable from a "public" client (198.51.100.2, 2001:db8:51::2) and a "private"
 * client (10.20.0.2, fd00:20::2) over veth pairs, with Python listeners in the server and a Python
 * prober in the clients. Everything is deleted on close.
 */
final class KernelLab implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    static final Map<String, String[]> CLIENTS = new LinkedHashMap<>();

    static {
        // client name -> {client v4, client v6, server v4 on its link, server v6 on its link}
        CLIENTS.put("public", new String[] {"198.51.100.2", "2001:db8:51::2", "198.51.100.1", "2001:db8:51::1"});
        CLIENTS.put("private", new String[] {"10.20.0.2", "fd00:20::2", "10.20.0.1", "fd00:20::1"});
    }

    final NetworkNamespace server;
    final Map<String, NetworkNamespace> clients = new LinkedHashMap<>();

    KernelLab() throws IOException {
        server = NetworkNamespace.create("srv");
        try {
            NetworkNamespace pub = NetworkNamespace.create("pub");
            clients.put("public", pub);
            NetworkNamespace priv = NetworkNamespace.create("priv");
            clients.put("private", priv);
            List<String> a = NetworkNamespace.link(server, "198.51.100.1/24", pub, "198.51.100.2/24");
            server.addAddress(a.get(0), "2001:db8:51::1/64");
            pub.addAddress(a.get(1), "2001:db8:51::2/64");
            List<String> b = NetworkNamespace.link(server, "10.20.0.1/24", priv, "10.20.0.2/24");
            server.addAddress(b.get(0), "fd00:20::1/64");
            priv.addAddress(b.get(1), "fd00:20::2/64");
            // lets the public client try the address the server has on the private side
            pub.execChecked("ip", "route", "add", "10.20.0.0/24", "via", "198.51.100.1");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts listeners (proto/address/port) in the server and waits until they are bound. */
    void listen(String... endpoints) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script("listeners.py")));
        cmd.addAll(List.of(endpoints));
        Process p = server.start(cmd.toArray(String[]::new));
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
     * What each client observes for each non-loopback socket: key {@code "<socket> from <client>"}.
     * Wildcard sockets are tried at the server's address on the client's own link.
     */
    Map<String, Boolean> observe(List<SocketExposure> exposures) throws IOException {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Map.Entry<String, NetworkNamespace> c : clients.entrySet()) {
            String[] addr = CLIENTS.get(c.getKey());
            List<String> targets = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (SocketExposure e : exposures) {
                String target = target(e.socket(), addr);
                if (target != null) {
                    targets.add(target);
                    keys.add(e.socket().netidName() + " " + e.socket().local() + " from " + c.getKey());
                }
            }
            List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script("/dev/bulwark/firewall/apply/probe.py"), "0.7"));
            cmd.addAll(targets);
            String out = c.getValue().execChecked(cmd.toArray(String[]::new)).output();
            for (int i = 0; i < targets.size(); i++) {
                seen.put(keys.get(i), out.contains(targets.get(i) + ",open\n"));
            }
        }
        return seen;
    }

    /** What the analysis predicts for the same pairs: the client's address is among the sources. */
    static Map<String, Boolean> predict(List<SocketExposure> exposures) {
        Map<String, Boolean> predicted = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> c : CLIENTS.entrySet()) {
            for (SocketExposure e : exposures) {
                String[] addr = c.getValue();
                if (target(e.socket(), addr) == null) {
                    continue;
                }
                InetAddress client = dev.bulwark.core.net.IpAddresses.parse(
                        e.socket().local().address().contains(":") ? addr[1] : addr[0]);
                boolean reachable = e.sources().stream().anyMatch(n -> n.isIpv4() == (client instanceof java.net.Inet4Address)
                        && n.contains(client));
                predicted.put(e.socket().netidName() + " " + e.socket().local() + " from " + c.getKey(), reachable);
            }
        }
        return predicted;
    }

    private static String target(SocketEntry s, String[] addr) {
        String a = s.local().address();
        if (a.startsWith("127.") || a.equals("::1")) {
            return null;
        }
        String host = a.equals("0.0.0.0") ? addr[2] : a.equals("::") ? addr[3] : a;
        return s.netidName() + "," + host + "," + s.local().port();
    }

    static String script(String name) throws IOException {
        try (InputStream in = KernelLab.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        for (NetworkNamespace c : clients.values()) {
            c.close();
        }
        server.close();
    }
}
