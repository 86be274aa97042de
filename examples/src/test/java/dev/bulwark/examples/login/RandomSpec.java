package dev.bulwark.examples.login;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random VALID secure-baseline spec, with the address of a client inside the admin's
 * source networks. Everything the spec holds stays clear of the lab's fixed addresses
 * ({@link KitLab}): the server's 198.18.0.1 and 2001:db8:ffff::1, the outside client in
 * 198.51.100.0/24 and 2001:db8:eeee::/48, so that the outside client is outside every private
 * network. Same seed, same spec.
 *
 * <p>What varies: the admin's name, the ssh port, the admin's source networks (IPv4 and IPv6,
 * /8 to /32 and /8 to /128), whether ssh is also open from the VPN, whether the spec has an ssh
 * line or leaves it to the kit ({@code admin-from}), narrower {@code admin-from} networks,
 * {@code allow-users} with other names, {@code admin-groups}/{@code allow-groups}, public, private and internal
 * services over tcp and udp (single ports and ranges), private networks, the WireGuard network,
 * port and peers (clients of the server or a mesh), and the optional lines (interface, reboot, mail).
 *
 * @param seed    the seed it was made from
 * @param text    the spec, in the format {@code BaselineSpecParser} reads
 * @param inside  an address inside the admin's source networks (not in the VPN network): the admin's client
 */
record RandomSpec(long seed, String text, InetAddress inside) {

    /** The address every random spec puts the server's WireGuard endpoint on. */
    static final String SERVER_V4 = "198.18.0.1";

    private static final String[] V4_POOLS = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
        "192.0.2.0/24"};
    private static final String[] V6_POOLS = {"fd00::/8", "2001:db8:1000::/36"};
    private static final String FIRST = "abcdefghijklmnopqrstuvwxyz_";
    private static final String REST = "abcdefghijklmnopqrstuvwxyz0123456789_-";

    /** The spec for {@code seed}. */
    static RandomSpec generate(long seed) {
        Random r = new Random(seed);
        Set<Integer> tcp = new HashSet<>();
        Set<Integer> udp = new HashSet<>();
        StringBuilder s = new StringBuilder("# random valid spec, seed " + seed + "\n");
        s.append("host h").append(word(r, 1 + r.nextInt(8))).append(".example.net\n");
        if (r.nextBoolean()) {
            s.append("interface eth0\n");
        }
        boolean peers = r.nextInt(10) < 7;
        IpNetwork vpn = peers ? network(r, "10.0.0.0/8", 16, 28) : null;
        int sshPort = r.nextInt(10) < 3 ? 22 : port(r);
        String adminUser = userName(r);
        tcp.add(sshPort);
        List<IpNetwork> admin = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            admin.add(clearOf(r, vpn, r.nextInt(10) < 6));
        }
        // one spec in five has no ssh line: the kit adds ssh (port 22) from the admin-from networks itself
        boolean declared = r.nextInt(5) != 0;
        List<IpNetwork> adminFrom = new ArrayList<>();
        if (!declared || r.nextInt(4) == 0) {
            for (IpNetwork a : admin) {
                if (adminFrom.isEmpty() || r.nextBoolean()) {
                    // a declared ssh line's networks may be wider than where the admin actually connects from
                    adminFrom.add(declared ? network(r, a.toString(), a.prefixLength(), a.bitLength()) : a);
                }
            }
        }
        List<String> sshFrom = new ArrayList<>();
        admin.forEach(a -> sshFrom.add(a.toString()));
        if (peers && r.nextBoolean()) {
            sshFrom.add(r.nextInt(sshFrom.size() + 1), vpn.toString());
        }
        List<String> services = new ArrayList<>();
        if (declared) {
            services.add("private ssh tcp/" + sshPort + " from " + String.join(" ", sshFrom));
        }
        if (peers) {
            // the tunnel has something private to reach
            services.add("private vpnonly tcp/" + free(r, tcp, 1) + " from " + vpn);
        }
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            List<String> from = new ArrayList<>();
            for (int k = 0, m = 1 + r.nextInt(2); k < m; k++) {
                from.add(clearOf(r, vpn, r.nextBoolean()).toString());
            }
            if (peers && r.nextBoolean()) {
                from.add(vpn.toString());
            }
            services.add("private priv" + i + " " + ports(r, tcp, udp) + " from " + String.join(" ", from));
        }
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            services.add("public pub" + i + " " + ports(r, tcp, udp));
        }
        for (int i = 0, n = r.nextInt(3); i < n; i++) {
            services.add("internal int" + i + " " + ports(r, tcp, udp));
        }
        java.util.Collections.shuffle(services, r);
        services.forEach(line -> s.append(line).append('\n'));
        if (peers) {
            int wgPort = free(r, udp, 1);
            s.append("vpn-network ").append(vpn).append('\n');
            s.append("vpn-endpoint ").append(SERVER_V4).append(':').append(wgPort).append('\n');
            boolean mesh = r.nextInt(10) < 3;
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                // mesh endpoints are addresses (wg setconf does not resolve names in the lab); the first is the lab's peer
                s.append("peer p").append(i).append(word(r, r.nextInt(6)))
                        .append(mesh ? " " + KitLab.PEER_UNDERLAY_PREFIX + (7 + i) + ":" + (20000 + r.nextInt(20000)) : "")
                        .append('\n');
            }
        }
        s.append("admin ").append(adminUser).append('\n');
        if (!adminFrom.isEmpty()) {
            s.append("admin-from ").append(String.join(" ", adminFrom.stream().map(IpNetwork::toString).toList()))
                    .append('\n');
        }
        if (r.nextInt(10) < 3) {
            List<String> users = new ArrayList<>(List.of(adminUser, userName(r)));
            if (r.nextBoolean()) {
                users.add(userName(r));
            }
            java.util.Collections.shuffle(users, r);
            s.append("allow-users ").append(String.join(" ", users)).append('\n');
        }
        if (r.nextInt(5) == 0) {
            // groups the lab makes for the admin's throwaway account; sshd then also demands one of them
            String group = "bwg" + word(r, 6);
            s.append("admin-groups ").append(group).append(r.nextBoolean() ? " bwg" + word(r, 6) : "").append('\n');
            s.append("allow-groups ").append(r.nextBoolean() ? "bwg" + word(r, 6) + " " : "").append(group).append('\n');
        }
        s.append("ca Random CA ").append(seed & 0xffff).append('\n');
        s.append("server ").append(word(r, 1 + r.nextInt(6))).append(".example.net\n");
        if (r.nextBoolean()) {
            s.append(String.format("reboot %02d:%02d%n", r.nextInt(24), r.nextInt(60)));
        }
        if (r.nextBoolean()) {
            s.append("mail ops@example.net\n");
        }
        List<IpNetwork> homes = adminFrom.isEmpty() ? admin : adminFrom;
        IpNetwork home = homes.get(r.nextInt(homes.size()));
        return new RandomSpec(seed, s.toString(), host(r, home));
    }

    /** A user name the spec accepts, long enough (6 to 24 characters) not to be one this machine has. */
    private static String userName(Random r) {
        StringBuilder b = new StringBuilder().append(FIRST.charAt(r.nextInt(FIRST.length())));
        for (int i = 0, n = 5 + r.nextInt(19); i < n; i++) {
            b.append(REST.charAt(r.nextInt(REST.length())));
        }
        return b.toString();
    }

    private static String word(Random r, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    /** A port above 1024 that no other service uses. */
    private static int port(Random r) {
        return 1025 + r.nextInt(64000);
    }

    /** {@code count} consecutive free ports in {@code used}, marked used; returns the first. */
    private static int free(Random r, Set<Integer> used, int count) {
        while (true) {
            int first = port(r);
            boolean clear = true;
            for (int p = first; p < first + count; p++) {
                clear &= !used.contains(p);
            }
            if (clear) {
                for (int p = first; p < first + count; p++) {
                    used.add(p);
                }
                return first;
            }
        }
    }

    /** {@code tcp/P}, {@code udp/P} or a short range, on ports no other service of that protocol has. */
    private static String ports(Random r, Set<Integer> tcp, Set<Integer> udp) {
        boolean isTcp = r.nextInt(3) != 0;
        int count = r.nextInt(4) == 0 ? 2 + r.nextInt(9) : 1;
        int first = free(r, isTcp ? tcp : udp, count);
        return (isTcp ? "tcp/" : "udp/") + first + (count > 1 ? "-" + (first + count - 1) : "");
    }

    /** A random network inside one of the pools, not overlapping the VPN network (when there is one). */
    private static IpNetwork clearOf(Random r, IpNetwork vpn, boolean v4) {
        while (true) {
            IpNetwork n = v4 ? network(r, V4_POOLS[r.nextInt(V4_POOLS.length)], 8, 32)
                    : network(r, V6_POOLS[r.nextInt(V6_POOLS.length)], 8, 128);
            if (vpn == null || !n.overlaps(vpn)) {
                return n;
            }
        }
    }

    /** A random network of length {@code min..max} (at least the pool's) inside {@code pool}. */
    private static IpNetwork network(Random r, String pool, int min, int max) {
        IpNetwork p = IpNetwork.parse(pool);
        int length = Math.max(p.prefixLength(), min) + r.nextInt(max - Math.max(p.prefixLength(), min) + 1);
        return IpNetwork.containing(randomIn(r, p), length);
    }

    /** A random address of {@code n} that is neither its first nor (for networks of four and more) its last. */
    private static InetAddress host(Random r, IpNetwork n) {
        if (n.size().compareTo(BigInteger.valueOf(4)) < 0) {
            return n.lastAddress();
        }
        while (true) {
            InetAddress a = randomIn(r, n);
            if (!a.equals(n.firstAddress()) && !a.equals(n.lastAddress())) {
                return a;
            }
        }
    }

    private static InetAddress randomIn(Random r, IpNetwork n) {
        BigInteger offset = new BigInteger(n.bitLength() - n.prefixLength() + 8, r)
                .mod(n.size());
        byte[] base = n.firstAddress().getAddress();
        byte[] sum = new BigInteger(1, base).add(offset).toByteArray();
        byte[] out = new byte[base.length];
        int copy = Math.min(sum.length, out.length);
        System.arraycopy(sum, sum.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "seed " + seed + ", admin client " + IpAddresses.format(inside) + ":\n" + text;
    }
}
