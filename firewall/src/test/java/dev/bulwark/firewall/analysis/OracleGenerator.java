package dev.bulwark.firewall.analysis;

import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.analysis.OracleRules.Chain;
import dev.bulwark.firewall.analysis.OracleRules.Dst;
import dev.bulwark.firewall.analysis.OracleRules.Iface;
import dev.bulwark.firewall.analysis.OracleRules.Nat;
import dev.bulwark.firewall.analysis.OracleRules.Rule;
import dev.bulwark.firewall.analysis.OracleRules.Scenario;
import dev.bulwark.firewall.analysis.OracleRules.Src;
import dev.bulwark.firewall.analysis.OracleRules.Svc;
import dev.bulwark.firewall.analysis.OracleRules.Table;
import dev.bulwark.firewall.analysis.OracleRules.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws realistic rulesets for the {@link KernelLab#full() full lab}, deterministically from a
 * seed: default-deny and default-accept INPUT, conntrack shortcuts first or not, loopback, interface
 * and source conditions (client networks, supernets, hosts, ranges, negations, wildcards), ports
 * (single, lists, ranges, negated), user chains with jump, goto and return, port dispatch tables,
 * source-and-port pairs, fail2ban and ufw chain layouts, rate limits, notrack in raw PREROUTING,
 * drops in other tables on the way (raw PREROUTING, mangle INPUT), Docker's nat/filter layout, port
 * forwards in chains of any name, REDIRECT and DNAT to the host's own address.
 */
final class OracleGenerator {

    /** Ports the server, the NAT rules and the container use, for rules to pick from. */
    static final int[] TCP_PORTS = {22, 80, 443, 5432, 8443, 9050, 3306, 8080, 8081, 2222, 15432, 23, 25};
    static final int[] UDP_PORTS = {53, 1194, 9053, 5353, 123};
    static final String[] RANGES = {"8000:8999", "5000:6000", "1:1024", "20:25", "50:60", "1100:1200", "9000:9100",
        "2000:3000", "15000:16000", "3000:4000"};

    private static final Src[] SOURCES = {
        src("198.51.100.0/24", "2001:db8:51::/64"), src("198.51.100.2/32", "2001:db8:51::2/128"),
        src("10.20.0.0/24", "fd00:20::/64"), src("10.20.0.2", "fd00:20::2"), src("10.8.0.0/24", "fd00:8::/64"),
        src("172.17.0.0/16", "fd00:17::/64"), src("10.0.0.0/8", "fd00::/8"), src("172.16.0.0/12", "fc00::/7"),
        src("203.0.113.0/24", "2001:db8:99::/64"), src("198.51.0.0/16", "2001:db8::/32"),
        src("10.20.0.1-10.20.0.9", "fd00:20::1-fd00:20::9"), src("10.20.0.3-10.20.0.200", "fd00:20::3-fd00:20::ff"),
        src("198.51.100.1-198.51.100.5", "2001:db8:51::1-2001:db8:51::5"), src("10.8.0.2", "fd00:8::2")};
    private static final String[] IFACES = {"pub0", "priv0", "wg0", "docker0", "priv+", "wg+", "pub0", "priv0"};

    private final Random r;
    private final List<String> userChains = new ArrayList<>();

    private OracleGenerator(long seed) {
        this.r = new Random(new java.util.SplittableRandom(seed).nextLong());
    }

    /** The scenario of one seed. */
    static Scenario generate(long seed) {
        return new OracleGenerator(seed).scenario();
    }

    private static Src src(String v4, String v6) {
        return new Src(List.of(v4), List.of(v6), false);
    }

    private boolean p(double probability) {
        return r.nextDouble() < probability;
    }

    private <T> T pick(T[] items) {
        return items[r.nextInt(items.length)];
    }

    private Scenario scenario() {
        List<Table> tables = new ArrayList<>();
        Table raw = new Table("raw", new ArrayList<>());
        Table mangle = new Table("mangle", new ArrayList<>());
        Table nat = new Table("nat", new ArrayList<>());
        Table filter = new Table("filter", new ArrayList<>());
        boolean untracked = notrack(raw);
        if (p(0.15)) {
            Chain pre = rawChain(raw);
            pre.rules().add(Rule.of(null, maybe(0.7, this::source), service(0.6), null, Verdict.DROP));
        }
        if (p(0.15)) {
            Chain in = Chain.base("INPUT", "input", "ACCEPT", -150);
            mangle.chains().add(in);
            in.rules().add(Rule.of(maybe(0.4, this::iface), maybe(0.6, this::source), service(0.8), null, Verdict.DROP));
            if (p(0.5)) {
                in.rules().add(0, Rule.of(null, null, service(0.9), null, Verdict.ACCEPT));
            }
        }
        boolean[] forwards = natRules(nat);
        input(filter, untracked);
        forward(filter, forwards);
        for (Table t : List.of(raw, mangle, nat, filter)) {
            if (!t.chains().isEmpty()) {
                tables.add(t);
            }
        }
        return new Scenario(tables);
    }

    private Chain rawChain(Table raw) {
        if (raw.chains().isEmpty()) {
            raw.chains().add(Chain.base("PREROUTING", "prerouting", "ACCEPT", -300));
        }
        return raw.chains().get(0);
    }

    private <T> T maybe(double probability, java.util.function.Supplier<T> s) {
        return p(probability) ? s.get() : null;
    }

    /** notrack for some traffic; returns whether INPUT should accept untracked packets early. */
    private boolean notrack(Table raw) {
        if (!p(0.2)) {
            return false;
        }
        Chain pre = rawChain(raw);
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            Svc svc = p(0.8) ? new Svc("tcp", List.of(Integer.toString(pick(new Integer[] {443, 22, 8080, 80, 15432}))), false)
                    : new Svc("udp", List.of("53"), false);
            pre.rules().add(Rule.of(maybe(0.5, this::plainIface), maybe(0.2, this::source), svc, null, Verdict.NOTRACK));
        }
        return p(0.6);
    }

    private Iface plainIface() {
        return new Iface(pick(new String[] {"pub0", "priv0", "wg0"}), p(0.2));
    }

    Iface iface() {
        return new Iface(pick(IFACES), p(0.2));
    }

    Src source() {
        if (p(0.12)) {
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            int n = 2 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                Src s = SOURCES[r.nextInt(10)];
                // nft refuses overlapping elements in an interval set
                if (v4.stream().noneMatch(x -> overlaps(x, s.v4().get(0)))
                        && v6.stream().noneMatch(x -> overlaps(x, s.v6().get(0)))) {
                    v4.add(s.v4().get(0));
                    v6.add(s.v6().get(0));
                }
            }
            return new Src(v4, v6, false);
        }
        Src s = pick(SOURCES);
        boolean neg = p(0.25);
        double family = r.nextDouble();
        return new Src(family < 0.1 ? List.of() : s.v4(), family > 0.85 ? List.of() : s.v6(), neg);
    }

    /** A protocol and ports, or (1 - probability) nothing. */
    Svc service(double probability) {
        if (!p(probability)) {
            return null;
        }
        double k = r.nextDouble();
        String proto = k < 0.62 ? "tcp" : k < 0.9 ? "udp" : "both";
        if (p(0.1)) {
            return new Svc(proto.equals("both") ? "tcp" : proto, List.of(), false);
        }
        int[] pool = proto.equals("tcp") ? TCP_PORTS : proto.equals("udp") ? UDP_PORTS : new int[] {53, 123, 443, 5353};
        List<String> ports = new ArrayList<>();
        double shape = r.nextDouble();
        if (shape < 0.5) {
            ports.add(Integer.toString(pool[r.nextInt(pool.length)]));
        } else if (shape < 0.75) {
            int n = 2 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                addPort(ports, Integer.toString(pool[r.nextInt(pool.length)]));
            }
            if (p(0.3)) {
                addPort(ports, pick(RANGES));
            }
        } else {
            ports.add(pick(RANGES));
        }
        return new Svc(proto, ports, ports.size() == 1 && p(0.06));
    }

    /** Adds a port or range unless it overlaps one already there (nft refuses overlapping set elements). */
    private static void addPort(List<String> ports, String port) {
        int[] a = range(port);
        if (ports.stream().map(OracleGenerator::range).noneMatch(b -> a[0] <= b[1] && b[0] <= a[1])) {
            ports.add(port);
        }
    }

    private static int[] range(String port) {
        String[] f = port.split(":");
        return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[f.length - 1])};
    }

    static boolean overlaps(String a, String b) {
        return network(a).overlaps(network(b));
    }

    private static IpNetwork network(String s) {
        return IpNetwork.parse(s.contains("/") ? s : s + (s.contains(":") ? "/128" : "/32"));
    }

    private String extra() {
        double k = r.nextDouble();
        return k < 0.08 ? "limit" : k < 0.14 ? "new" : k < 0.19 ? "comment" : k < 0.22 ? "local" : null;
    }

    private Verdict verdict(boolean base, int chainIndex) {
        double k = r.nextDouble();
        List<String> later = userChains.subList(Math.min(userChains.size(), chainIndex + 1), userChains.size());
        if (k < 0.15 && !later.isEmpty()) {
            String target = later.get(r.nextInt(later.size()));
            return p(0.7) ? Verdict.jump(target) : Verdict.go(target);
        }
        if (k < 0.5) {
            return Verdict.ACCEPT;
        }
        if (k < 0.68) {
            return Verdict.DROP;
        }
        if (k < 0.8) {
            return p(0.5) ? Verdict.REJECT : Verdict.RESET;
        }
        if (k < 0.86) {
            return Verdict.LOG;
        }
        return base && p(0.7) ? Verdict.ACCEPT : Verdict.RETURN;
    }

    /** A random rule for a chain ({@code chainIndex} -1 for a base chain). */
    Rule rule(int chainIndex) {
        Svc svc = service(0.8);
        Verdict v = verdict(chainIndex < 0, chainIndex);
        if (v == Verdict.RESET && (svc == null || !svc.proto().equals("tcp"))) {
            v = Verdict.REJECT;
        }
        Rule rule = Rule.of(maybe(0.35, this::iface), maybe(0.4, this::source), svc, extra(), v);
        if (p(0.06)) {
            rule = rule.withDst(p(0.5) ? new Dst("10.20.0.1", "fd00:20::1") : new Dst("198.51.100.1", "2001:db8:51::1"));
        }
        return rule;
    }

    private void input(Table filter, boolean untracked) {
        boolean deny = p(0.6);
        Chain in = Chain.base("INPUT", "input", deny ? "DROP" : "ACCEPT", 0);
        filter.chains().add(in);
        double style = r.nextDouble();
        Chain body = in;
        List<Rule> prelude = new ArrayList<>();
        if (p(0.8)) {
            prelude.add(Rule.of(new Iface("lo", false), null, null, null, Verdict.ACCEPT));
        }
        boolean established = p(0.75);
        if (established) {
            prelude.add(Rule.of(null, null, null, "established", Verdict.ACCEPT));
        }
        if (p(0.4)) {
            prelude.add(Rule.of(null, null, null, "invalid", Verdict.DROP));
        }
        if (untracked) {
            prelude.add(Rule.of(null, null, null, "untracked", Verdict.ACCEPT));
        }
        if (style < 0.2) {
            // ufw's layout: before (loopback, conntrack), user rules, after, then the policy
            for (String c : List.of("ufw-before-input", "ufw-user-input", "ufw-after-input",
                    "ufw-skip-to-policy-input", "ufw-reject-input")) {
                filter.chains().add(Chain.user(c));
            }
            in.rules().add(Rule.of(null, null, null, null, Verdict.jump("ufw-before-input")));
            in.rules().add(Rule.of(null, null, null, null, Verdict.jump("ufw-after-input")));
            in.rules().add(Rule.of(null, null, null, null, Verdict.jump("ufw-reject-input")));
            Chain before = filter.chain("ufw-before-input");
            before.rules().addAll(prelude);
            before.rules().add(Rule.of(null, null, new Svc("udp", List.of("68"), false), null, Verdict.ACCEPT));
            before.rules().add(Rule.of(null, null, null, null, Verdict.jump("ufw-user-input")));
            filter.chain("ufw-after-input").rules().add(Rule.of(null, null, new Svc("udp", List.of("137", "138"), false),
                    null, Verdict.go("ufw-skip-to-policy-input")));
            filter.chain("ufw-skip-to-policy-input").rules().add(Rule.of(null, null, null, null,
                    deny ? Verdict.DROP : Verdict.ACCEPT));
            body = filter.chain("ufw-user-input");
        } else {
            if (!established || p(0.7)) {
                in.rules().addAll(prelude);
            } else {
                prelude.forEach(x -> in.rules().add(Math.min(in.rules().size(), r.nextInt(2)), x));
            }
        }
        if (p(0.25)) {
            // fail2ban: a jail chain for ssh that rejects banned hosts, ahead of the rest
            Chain jail = Chain.user("f2b-sshd");
            filter.chains().add(jail);
            int bans = 1 + r.nextInt(3);
            for (int i = 0; i < bans; i++) {
                String[] banned = pick(new String[][] {{"198.51.100.2", "2001:db8:51::2"}, {"10.20.0.2", "fd00:20::2"},
                    {"203.0.113.7", "2001:db8:99::7"}, {"10.8.0.2", "fd00:8::2"}});
                jail.rules().add(Rule.of(null, new Src(List.of(banned[0] + "/32"), List.of(banned[1] + "/128"), false), null,
                        null, p(0.7) ? Verdict.REJECT : Verdict.DROP));
            }
            jail.rules().add(Rule.of(null, null, null, null, Verdict.RETURN));
            body.rules().add(Rule.of(null, null, new Svc("tcp", List.of("22", "2222"), false), null, Verdict.jump("f2b-sshd")));
        }
        int chains = r.nextInt(4);
        String[] names = {"SERVICES", "LAN", "DB", "VPN-IN", "ADMIN", "WEB"};
        List<Chain> users = new ArrayList<>();
        for (int i = 0; i < chains; i++) {
            String name = names[(i + r.nextInt(2) * 3) % names.length];
            if (!userChains.contains(name)) {
                userChains.add(name);
                Chain c = Chain.user(name);
                users.add(c);
                filter.chains().add(c);
            }
        }
        int n = 2 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            body.rules().add(rule(-1));
        }
        if (p(0.25)) {
            body.rules().add(vmap(-1));
        }
        if (p(0.2)) {
            body.rules().add(concat());
        }
        for (int i = 0; i < users.size(); i++) {
            Chain c = users.get(i);
            int m = 1 + r.nextInt(4);
            for (int k = 0; k < m; k++) {
                c.rules().add(rule(i));
            }
            // make sure someone enters it
            Rule entry = Rule.of(maybe(0.4, this::iface), maybe(0.3, this::source), service(0.6), null,
                    p(0.75) ? Verdict.jump(c.name()) : Verdict.go(c.name()));
            body.rules().add(r.nextInt(body.rules().size() + 1), entry);
        }
        if (p(0.4)) {
            in.rules().add(Rule.of(null, null, null, null, deny || p(0.5) ? Verdict.REJECT : Verdict.DROP));
        }
    }

    private Rule vmap(int chainIndex) {
        boolean tcp = p(0.75);
        int[] pool = tcp ? TCP_PORTS : UDP_PORTS;
        List<Object[]> entries = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int port = pool[r.nextInt(pool.length)];
            if (!used.contains(port)) {
                used.add(port);
                Verdict v = verdict(chainIndex < 0, chainIndex);
                if (!v.kind().equals("ACCEPT") && !v.kind().equals("JUMP") && !v.kind().equals("GOTO")) {
                    v = Verdict.DROP; // a verdict map holds verdicts only: no reject, no log
                }
                entries.add(new Object[] {port, v});
            }
        }
        return new Rule(maybe(0.2, this::plainIface), null, null, null, new Svc(tcp ? "tcp" : "udp", List.of(), false),
                null, null, null, entries, null);
    }

    private Rule concat() {
        List<Object[]> pairs = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            Src s = SOURCES[r.nextInt(10)];
            if (s.v4().get(0).contains("-")) {
                continue;
            }
            int port = TCP_PORTS[r.nextInt(TCP_PORTS.length)];
            if (pairs.stream().noneMatch(x -> (int) x[1] == port && (overlaps(((Src) x[0]).v4().get(0), s.v4().get(0))
                    || overlaps(((Src) x[0]).v6().get(0), s.v6().get(0))))) {
                pairs.add(new Object[] {s, port});
            }
        }
        if (pairs.isEmpty()) {
            pairs.add(new Object[] {SOURCES[2], 5432});
        }
        return new Rule(null, null, null, null, new Svc("tcp", List.of(), false), null,
                p(0.8) ? Verdict.ACCEPT : Verdict.DROP, null, null, pairs);
    }

    /** nat PREROUTING: Docker's layout, a port forward chain, REDIRECT, DNAT to the host; returns {docker, portfwd}. */
    private boolean[] natRules(Table nat) {
        boolean docker = p(0.5);
        boolean fwd = p(0.4);
        boolean redirect = p(0.35);
        boolean own = p(0.3);
        if (!docker && !fwd && !redirect && !own) {
            return new boolean[] {false, false};
        }
        Chain pre = Chain.base("PREROUTING", "prerouting", "ACCEPT", -100);
        nat.chains().add(pre);
        List<Rule> top = new ArrayList<>();
        boolean v6 = p(0.6);
        if (docker) {
            Chain d = Chain.user("DOCKER");
            nat.chains().add(d);
            top.add(Rule.of(null, null, null, "local", Verdict.jump("DOCKER")));
            d.rules().add(Rule.of(new Iface("docker0", false), null, null, null, Verdict.RETURN));
            Rule tcp = Rule.of(new Iface("docker0", true), null, new Svc("tcp", List.of("8080"), false), null, null)
                    .withNat(new Nat("DNAT", "172.17.0.2", v6 ? "fd00:17::2" : null, 80));
            d.rules().add(p(0.2) ? tcp.withDst(new Dst("198.51.100.1", v6 ? "2001:db8:51::1" : null)) : tcp);
            if (p(0.6)) {
                d.rules().add(Rule.of(new Iface("docker0", true), null, new Svc("udp", List.of("5353"), false), null, null)
                        .withNat(new Nat("DNAT", "172.17.0.2", v6 ? "fd00:17::2" : null, 5353)));
            }
        }
        if (fwd) {
            String name = pick(new String[] {"PORTFWD", "port-forward", "FWD-IN"});
            Chain f = Chain.user(name);
            nat.chains().add(f);
            top.add(Rule.of(maybe(0.5, this::plainIface), null, null, null, Verdict.jump(name)));
            f.rules().add(Rule.of(null, maybe(0.4, this::source), new Svc("tcp", List.of("8081"), false), null, null)
                    .withNat(new Nat("DNAT", "172.17.0.2", v6 ? "fd00:17::2" : null, 80)));
        }
        if (redirect) {
            top.add(Rule.of(maybe(0.4, this::plainIface), maybe(0.3, this::source), new Svc("tcp", List.of("2222"), false),
                    null, null).withNat(new Nat("REDIRECT", null, null, 22)));
        }
        if (own) {
            top.add(Rule.of(maybe(0.4, this::plainIface), maybe(0.3, this::source), new Svc("tcp", List.of("15432"), false),
                    null, null).withNat(new Nat("DNAT", "10.20.0.1", "fd00:20::1", 5432)));
        }
        Collections.shuffle(top, r);
        pre.rules().addAll(top);
        if (docker) {
            Chain post = Chain.base("POSTROUTING", "postrouting", "ACCEPT", 100);
            nat.chains().add(post);
            post.rules().add(new Rule(null, new Iface("docker0", true), new Src(List.of("172.17.0.0/16"),
                    List.of("fd00:17::/64"), false), null, null, null, new Verdict("MASQUERADE", null), null, null, null));
        }
        return new boolean[] {docker, fwd};
    }

    /** filter FORWARD: Docker's chains, or a plain forward rule for the port forward. */
    private void forward(Table filter, boolean[] forwards) {
        boolean docker = forwards[0];
        boolean fwd = forwards[1];
        Chain f = Chain.base("FORWARD", "forward", docker || p(0.6) ? "DROP" : "ACCEPT", 0);
        filter.chains().add(f);
        if (!docker && !fwd) {
            return;
        }
        Iface dockerOut = new Iface("docker0", false);
        if (docker) {
            Chain user = Chain.user("DOCKER-USER");
            Chain chain = Chain.user("DOCKER");
            filter.chains().add(user);
            filter.chains().add(chain);
            f.rules().add(Rule.of(null, null, null, null, Verdict.jump("DOCKER-USER")));
            f.rules().add(Rule.of(null, null, null, "established", Verdict.ACCEPT).withOut(dockerOut));
            f.rules().add(Rule.of(null, null, null, null, Verdict.jump("DOCKER")).withOut(dockerOut));
            f.rules().add(Rule.of(new Iface("docker0", false), null, null, null, Verdict.ACCEPT).withOut(new Iface("docker0", true)));
            f.rules().add(Rule.of(new Iface("docker0", false), null, null, null, Verdict.ACCEPT).withOut(dockerOut));
            chain.rules().add(Rule.of(new Iface("docker0", true), null, new Svc("tcp", List.of("80"), false), null, Verdict.ACCEPT)
                    .withOut(dockerOut).withDst(new Dst("172.17.0.2/32", "fd00:17::2/128")));
            chain.rules().add(Rule.of(new Iface("docker0", true), null, new Svc("udp", List.of("5353"), false), null,
                    Verdict.ACCEPT).withOut(dockerOut).withDst(new Dst("172.17.0.2/32", "fd00:17::2/128")));
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                Svc svc = p(0.5) ? new Svc(p(0.7) ? "tcp" : "udp", List.of(p(0.7) ? "80" : "5353"), false) : null;
                Verdict v = pick(new Verdict[] {Verdict.DROP, Verdict.RETURN, Verdict.REJECT, Verdict.ACCEPT, Verdict.DROP});
                user.rules().add(Rule.of(maybe(0.6, this::plainIface), maybe(0.5, this::source), svc, null, v));
            }
            user.rules().add(Rule.of(null, null, null, null, Verdict.RETURN));
            if (fwd) {
                f.rules().add(1, Rule.of(null, maybe(0.3, this::source), new Svc("tcp", List.of("80"), false), "dnat-state",
                        Verdict.ACCEPT).withDst(new Dst("172.17.0.2", "fd00:17::2")));
            }
            return;
        }
        f.rules().add(Rule.of(null, null, null, "established", Verdict.ACCEPT));
        if (p(0.5)) {
            f.rules().add(Rule.of(new Iface("docker0", false), null, null, null, Verdict.ACCEPT));
        }
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            f.rules().add(Rule.of(maybe(0.6, this::plainIface), maybe(0.6, this::source),
                    new Svc("tcp", List.of("80"), false), null, p(0.5) ? Verdict.DROP : Verdict.ACCEPT));
        }
        f.rules().add(Rule.of(maybe(0.3, this::plainIface), maybe(0.3, this::source), new Svc("tcp", List.of("80"), false),
                null, Verdict.ACCEPT).withDst(new Dst("172.17.0.2", "fd00:17::2")));
    }
}
