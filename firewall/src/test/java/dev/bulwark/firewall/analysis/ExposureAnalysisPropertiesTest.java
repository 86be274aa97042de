package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The set-based analysis agrees with a naive packet-by-packet interpreter of the same rules, for
 * random rulesets with jumps, gotos, returns, negation, interfaces and policies.
 */
class ExposureAnalysisPropertiesTest {

    private static final List<String> NETS = List.of("10.0.0.0/8", "10.1.0.0/16", "192.168.1.0/24", "0.0.0.0/1",
            "10.1.2.3/32", "172.16.0.0/12");
    private static final List<String> IFACES = List.of("eth0", "eth1", "wg+");
    private static final List<String> PROBE_IFACES = List.of("eth0", "eth1", "wg7", "ens3");

    @Provide
    Arbitrary<String> rulesets() {
        Arbitrary<String> source = Arbitraries.of(NETS).injectNull(0.5).flatMap(n -> n == null ? Arbitraries.just("")
                : Arbitraries.of("-s ", "! -s ").map(p -> p + n + " "));
        Arbitrary<String> iface = Arbitraries.of(IFACES).injectNull(0.6).flatMap(n -> n == null ? Arbitraries.just("")
                : Arbitraries.of("-i ", "! -i ").map(p -> p + n + " "));
        Arbitrary<String> port = Arbitraries.of("", "-p tcp --dport 22 ", "-p tcp --dport 80 ", "-p udp --dport 22 ",
                "-p tcp -m multiport --dports 20:30 ", "-p tcp ! --dport 22 ", "-m conntrack --ctstate NEW ",
                "-m conntrack --ctstate ESTABLISHED ");
        Arbitrary<String> match = Combinators.combine(source, iface, port).as((a, b, c) -> a + b + c);
        Arbitrary<String> inputRule = Combinators.combine(match, Arbitraries.of("-j ACCEPT", "-j DROP", "-j REJECT",
                "-j RETURN", "-j A", "-j B", "-g A", "-g B", "-j LOG")).as((m, t) -> "-A INPUT " + m + t);
        Arbitrary<String> aRule = Combinators.combine(match, Arbitraries.of("-j ACCEPT", "-j DROP", "-j RETURN",
                "-j B", "-g B")).as((m, t) -> "-A A " + m + t);
        Arbitrary<String> bRule = Combinators.combine(match, Arbitraries.of("-j ACCEPT", "-j DROP", "-j RETURN"))
                .as((m, t) -> "-A B " + m + t);
        return Combinators.combine(Arbitraries.of("ACCEPT", "DROP"), inputRule.list().ofMaxSize(6),
                aRule.list().ofMaxSize(4), bRule.list().ofMaxSize(4)).as((policy, in, a, b) -> {
                    List<String> lines = new ArrayList<>(List.of("*filter", ":INPUT " + policy + " [0:0]",
                            ":A - [0:0]", ":B - [0:0]"));
                    lines.addAll(in);
                    lines.addAll(a);
                    lines.addAll(b);
                    lines.add("COMMIT");
                    return String.join("\n", lines) + "\n";
                });
    }

    @Property(tries = 400)
    void agreesWithAPacketByPacketInterpreter(@ForAll("rulesets") String text) {
        Ruleset rules = IptablesSave.parse(text);
        List<SocketExposure> e = ExposureAnalysis.analyze(rules, SocketTable.parse(
                "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\ntcp LISTEN 0 1 0.0.0.0:22 0.0.0.0:*\n"));
        List<IpNetwork> sources = e.get(0).sources();
        Table filter = rules.tables().get(0);
        for (String probe : probes()) {
            InetAddress src = IpAddresses.parse(probe);
            boolean concrete = false;
            for (String iface : PROBE_IFACES) {
                concrete |= accepts(filter, src, iface);
            }
            boolean predicted = sources.stream().anyMatch(n -> n.contains(src));
            assertThat(predicted).as("source %s in\n%s", probe, text).isEqualTo(concrete);
        }
    }

    private static List<String> probes() {
        return List.of("10.0.0.0", "9.255.255.255", "10.1.2.3", "10.1.2.4", "10.1.255.255", "10.2.0.0",
                "192.168.1.7", "192.168.2.1", "127.0.0.5", "200.1.1.1", "172.16.0.1", "0.0.0.0", "255.255.255.255");
    }

    /** A naive interpreter: one packet (tcp, dport 22, NEW, unicast to this host) through INPUT. */
    private static boolean accepts(Table t, InetAddress src, String iface) {
        Chain input = t.chain("INPUT").orElseThrow();
        Boolean verdict = run(t, input, src, iface);
        return verdict != null ? verdict : input.policy().orElse(Policy.ACCEPT) == Policy.ACCEPT;
    }

    /** TRUE accept, FALSE drop, null fell off the end or returned. */
    private static Boolean run(Table t, Chain c, InetAddress src, String iface) {
        for (Rule r : c.rules()) {
            if (!matches(r, src, iface)) {
                continue;
            }
            Target target = r.target();
            if (target instanceof Target.Accept) {
                return true;
            }
            if (target instanceof Target.Drop || target instanceof Target.Reject) {
                return false;
            }
            if (target instanceof Target.Return) {
                return null;
            }
            if (target instanceof Target.Jump) {
                Boolean v = run(t, t.chain(((Target.Jump) target).chain()).orElseThrow(), src, iface);
                if (v != null) {
                    return v;
                }
            }
            if (target instanceof Target.Goto) {
                return run(t, t.chain(((Target.Goto) target).chain()).orElseThrow(), src, iface);
            }
        }
        return null;
    }

    private static boolean matches(Rule r, InetAddress src, String iface) {
        for (Match m : r.matches()) {
            boolean hit;
            if (m instanceof Match.Addr) {
                hit = ((Match.Addr) m).network().contains(src);
            } else if (m instanceof Match.Iface) {
                hit = ((Match.Iface) m).covers(iface);
            } else if (m instanceof Match.Proto) {
                hit = ((Match.Proto) m).name().equals("tcp");
            } else if (m instanceof Match.Ports) {
                hit = ((Match.Ports) m).covers(22);
            } else if (m instanceof Match.State) {
                hit = ((Match.State) m).states().contains(Match.CtState.NEW);
            } else {
                throw new AssertionError("unexpected match " + m);
            }
            if (hit == m.negated()) {
                return false;
            }
        }
        return true;
    }
}
