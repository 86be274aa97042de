package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.Ports;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Packet;
import dev.bulwark.firewall.render.NftablesRenderer;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bulwark's own nftables output, loaded into a kernel and read back with {@code nft -j}: every
 * rule is understood, and the lowered chains decide every packet of a grid as the policy does.
 */
@Tag("interop")
@RequiresNetworkNamespaces
@RequiresTool("nft")
class NftJsonInteropTest {

    static FirewallPolicy policy() {
        int[] many = new int[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = 4000 + 2 * i;
        }
        return FirewallPolicy.builder()
                .defaultIncoming(Action.DENY).defaultOutgoing(Action.ALLOW).defaultRouted(Action.REJECT)
                .publicService("web", Protocol.TCP, Ports.of(80, 443))
                .privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("192.0.2.0/24"),
                        IpNetwork.parse("2001:db8::/32")))
                .internalService("postgres", Ports.of(5432))
                .rule(dev.bulwark.firewall.Rule.limit().protocol(Protocol.TCP).port(2222).comment("limited").build())
                .rule(dev.bulwark.firewall.Rule.reject().out().outInterface("eth9").protocol(Protocol.UDP).port(53)
                        .to(IpNetwork.parse("192.0.2.0/24")).build())
                .rule(dev.bulwark.firewall.Rule.allow().routed().inInterface("wg0").outInterface("eth0")
                        .from(IpNetwork.parse("10.8.0.0/24")).build())
                .rule(dev.bulwark.firewall.Rule.deny().protocol(Protocol.TCP).port(25).versions(IpVersion.IPV6).build())
                .rule(dev.bulwark.firewall.Rule.reject().inInterface("eth1").protocol(Protocol.UDP).port(9999).build())
                .rule(dev.bulwark.firewall.Rule.allow().ports(Ports.of(many)).comment("twenty").build())
                .rule(dev.bulwark.firewall.Rule.allow().ports(Ports.range(6000, 6010)).from(IpNetwork.parse("192.0.2.7/32")).build())
                .build();
    }

    private static Ruleset loadAndList(String nft) throws IOException {
        Path file = Files.createTempFile("bw-nft-json", ".nft");
        try (NetworkNamespace ns = NetworkNamespace.create("nftj")) {
            Files.writeString(file, nft);
            ns.execChecked("nft", "-f", file.toString());
            return NftJson.parse(ns.execChecked("nft", "-j", "list", "ruleset").output(), "live.json");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void bulwarksRenderedRulesetReadsBackWithoutAnythingNotUnderstood() throws IOException {
        FirewallPolicy policy = policy();
        Ruleset r = loadAndList(NftablesRenderer.standard().render(policy));
        assertThat(r.rulesNotUnderstood()).isEmpty();
        for (Chain c : r.tables().get(0).chains()) {
            for (Rule rule : c.rules()) {
                assertThat(rule.matches()).allSatisfy(m -> assertThat(understood(m)).as(rule.text()).isTrue());
                assertThat(rule.target()).isNotInstanceOf(Target.Other.class);
            }
        }
        Table t = r.table(Family.INET, "bulwark").orElseThrow();
        List<String> differences = new ArrayList<>();
        List<String> sources = List.of("10.1.2.3", "10.8.0.5", "192.0.2.7", "192.0.2.9", "198.51.100.7",
                "2001:db8::9", "2001:db8:1::5", "2001:db9::1");
        for (String s : sources) {
            InetAddress src = IpAddresses.parse(s);
            InetAddress dst = IpAddresses.parse(s.contains(":") ? "2001:db8:ff::1" : "203.0.113.1");
            for (Protocol proto : List.of(Protocol.TCP, Protocol.UDP)) {
                for (int port : new int[] {22, 25, 53, 80, 443, 2222, 4000, 4002, 4039, 5432, 6005, 9999}) {
                    for (String in : List.of("eth0", "eth1", "wg0")) {
                        Packet incoming = Packet.incoming(src, dst, proto, port, in);
                        compare(policy, incoming, t, "input", differences);
                        Packet routed = new Packet(Direction.ROUTED, src, dst, proto, port, Optional.of(in), Optional.of("eth0"));
                        compare(policy, routed, t, "forward", differences);
                    }
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void theRenderersGoldenFilesReadBackWithoutAnythingNotUnderstood() throws IOException {
        for (String golden : List.of("seed.nft", "gateway.nft")) {
            Ruleset r = loadAndList(Resources.text("../render/" + golden));
            assertThat(r.rulesNotUnderstood()).as(golden).isEmpty();
            assertThat(r.ruleCount()).as(golden).isPositive();
        }
        Ruleset seed = loadAndList(Resources.text("../render/seed.nft"));
        List<Rule> input = seed.table(Family.INET, "bulwark").orElseThrow().chain("input").orElseThrow().rules();
        assertThat(input.get(8).matches()).containsExactly(NftJsonLoweringTest.IPV4,
                NftJsonLoweringTest.addr(Match.Side.SOURCE, false, "10.8.0.0/24", "192.0.2.0/24"), NftJsonLoweringTest.TCP,
                NftJsonLoweringTest.dport(22), new Match.Comment("ssh"));
        assertThat(input.get(11).matches()).hasSize(6).contains(new Match.State(false, java.util.Set.of(Match.CtState.NEW)));
        assertThat(input.get(11).matches().get(4)).isInstanceOf(Match.HashLimit.class);
        assertThat(input.get(11).target()).isEqualTo(new Target.Reject(Optional.of("port-unreachable")));
    }

    private static boolean understood(Match m) {
        if (m instanceof Match.AnyOf) {
            return ((Match.AnyOf) m).alternatives().stream().flatMap(List::stream).allMatch(NftJsonInteropTest::understood);
        }
        return !(m instanceof Match.Other);
    }

    private static void compare(FirewallPolicy policy, Packet p, Table t, String chain, List<String> differences) {
        Action expected = policy.verdict(p);
        String want = expected == Action.ALLOW || expected == Action.LIMIT ? "accept" : expected == Action.DENY ? "drop" : "reject";
        Chain c = t.chain(chain).orElseThrow();
        String got = run(t, c, p).orElse(c.policy().orElseThrow() == Policy.DROP ? "drop" : "accept");
        if (!want.equals(got)) {
            differences.add(p + ": policy " + want + ", nft " + got);
        }
    }

    /** The verdict of a chain for a new connection below every rate limit; empty when it falls through. */
    private static Optional<String> run(Table t, Chain c, Packet p) {
        for (Rule r : c.rules()) {
            if (!r.matches().stream().allMatch(m -> holds(m, p))) {
                continue;
            }
            Target x = r.target();
            if (x instanceof Target.VerdictMap) {
                x = ((Target.VerdictMap) x).entries().stream().filter(e -> e.when().stream().allMatch(m -> holds(m, p)))
                        .map(Target.VerdictMap.Entry::verdict).findFirst().orElse(new Target.None());
            }
            if (x instanceof Target.Accept) {
                return Optional.of("accept");
            }
            if (x instanceof Target.Drop) {
                return Optional.of("drop");
            }
            if (x instanceof Target.Reject) {
                return Optional.of("reject");
            }
            if (x instanceof Target.Jump) {
                Optional<String> v = run(t, t.chain(((Target.Jump) x).chain()).orElseThrow(), p);
                if (v.isPresent()) {
                    return v;
                }
            } else if (x instanceof Target.Return) {
                return Optional.empty();
            } else if (!(x instanceof Target.None || x instanceof Target.Log)) {
                throw new AssertionError("unexpected target " + x + " in " + r.text());
            }
        }
        return Optional.empty();
    }

    private static boolean holds(Match m, Packet p) {
        boolean v6 = p.version() == IpVersion.IPV6;
        boolean result;
        if (m instanceof Match.Meta && ((Match.Meta) m).key().equals("nfproto")) {
            result = ((Match.Meta) m).values().contains(v6 ? "ipv6" : "ipv4");
        } else if (m instanceof Match.Addr) {
            Match.Addr a = (Match.Addr) m;
            InetAddress x = a.side() == Match.Side.SOURCE ? p.source() : p.destination();
            result = a.networks().stream().anyMatch(n -> n.isIpv4() != v6 && n.contains(x));
        } else if (m instanceof Match.Proto) {
            result = ((Match.Proto) m).names().contains(p.protocol() == Protocol.TCP ? "tcp" : "udp");
        } else if (m instanceof Match.Ports) {
            Match.Ports ports = (Match.Ports) m;
            result = ports.covers(ports.side() == Match.Side.SOURCE ? 40000 : p.port());
        } else if (m instanceof Match.Iface) {
            Match.Iface i = (Match.Iface) m;
            Optional<String> name = i.input() ? p.inInterface() : p.outInterface();
            result = name.isPresent() && i.covers(name.get());
        } else if (m instanceof Match.State) {
            result = ((Match.State) m).states().contains(Match.CtState.NEW);
        } else if (m instanceof Match.Icmp) {
            result = false;
        } else if (m instanceof Match.AnyOf) {
            result = ((Match.AnyOf) m).alternatives().stream().anyMatch(a -> a.stream().allMatch(x -> holds(x, p)));
        } else if (m instanceof Match.HashLimit) {
            return !((Match.HashLimit) m).above();
        } else if (m instanceof Match.Limit || m instanceof Match.Comment) {
            result = true;
        } else {
            throw new AssertionError("the grid does not decide " + m);
        }
        return result != m.negated();
    }
}
