package dev.bulwark.firewall.apply;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.Action;
import dev.bulwark.firewall.Direction;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.FirewallPolicyBuilder;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.firewall.RuleBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** A corpus of policies and a jqwik generator of random valid ones, for the kernel tests. */
public final class Policies {

    private Policies() {
    }

    static IpNetwork net(String cidr) {
        return IpNetwork.parse(cidr);
    }

    /** Hand-written policies covering every feature the renderers have. */
    public static List<FirewallPolicy> corpus() {
        List<FirewallPolicy> out = new ArrayList<>();
        out.add(FirewallPolicy.builder().build());
        out.add(FirewallPolicy.builder()
                .publicService("https", Protocol.TCP, Ports.of(80, 443))
                .publicService("dns", Protocol.UDP, Ports.of(53))
                .privateService("ssh", Ports.of(22), List.of(net("192.0.2.0/24"), net("2001:db8:1::/48"), net("10.0.0.0/8")))
                .internalService("postgres", Ports.of(5432))
                .rule(Rule.limit().protocol(Protocol.TCP).port(2222).comment("rate limited 'ssh'").build())
                .build());
        int[] many = new int[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = 3000 + 3 * i;
        }
        out.add(FirewallPolicy.builder()
                .defaultIncoming(Action.REJECT).defaultOutgoing(Action.REJECT).defaultRouted(Action.REJECT)
                .rule(Rule.allow().ports(Ports.of(many)).comment("forty ports, multiport chunks").build())
                .rule(Rule.allow().protocol(Protocol.TCP).ports(new Ports(List.of(PortRange.of(8000, 8100),
                        PortRange.of(9000), PortRange.of(9100, 9200)))).to(net("203.0.113.0/24"), net("2001:db8:2::/64")).build())
                .rule(Rule.reject().out().outInterface("eth9").protocol(Protocol.UDP).port(53).comment("no dns out").build())
                .rule(Rule.allow().out().protocol(Protocol.TCP).ports(Ports.of(80, 443)).build())
                .rule(Rule.deny().in().protocol(Protocol.ICMP).from(net("198.51.100.0/24")).build())
                .rule(Rule.allow().in().protocol(Protocol.ICMPV6).from(net("fe80::/10")).build())
                .rule(Rule.allow().in().inInterface("wg+").build())
                .build());
        out.add(FirewallPolicy.builder()
                .rule(Rule.allow().routed().inInterface("wg0").outInterface("eth0").from(net("10.8.0.0/24")).build())
                .rule(Rule.allow().routed().inInterface("wg0").outInterface("eth0").from(net("fd08::/64")).build())
                .rule(Rule.allow().protocol(Protocol.UDP).port(51820).comment("wireguard").build())
                .masquerade(net("10.8.0.0/24"), "eth0")
                .masquerade(net("fd08::/64"), "eth0")
                .build());
        out.add(FirewallPolicy.builder()
                .rule(Rule.allow().protocol(Protocol.TCP).port(22).fromSet("admins", List.of(net("192.0.2.0/24"),
                        net("198.51.100.0/24"), net("2001:db8::/32"), net("2001:db9::/32"))).comment("admins").build())
                .rule(Rule.deny().protocol(Protocol.TCP).port(25).versions(dev.bulwark.firewall.IpVersion.IPV6).build())
                .rule(Rule.limit().protocol(Protocol.UDP).port(1194).from(net("203.0.113.0/24")).build())
                .rule(Rule.reject().from(net("0.0.0.0/8"), net("0.0.0.0/9"), net("2001:db8::/32"), net("2001:db8::/48"))
                        .to(net("192.0.2.0/24"), net("192.0.2.128/25"), net("2001:db8::/32")).build())
                .build());
        return out;
    }

    /** Random valid policies: rules of every action, direction, protocol and match kind. */
    static Arbitrary<FirewallPolicy> random() {
        Arbitrary<Rule> rule = Combinators.combine(
                Arbitraries.of(Action.values()),
                Arbitraries.of(Direction.values()),
                Arbitraries.of(Optional.<Protocol>empty(), Optional.of(Protocol.TCP), Optional.of(Protocol.UDP),
                        Optional.of(Protocol.TCP), Optional.of(Protocol.ICMP), Optional.of(Protocol.ICMPV6)),
                ports(),
                addresses(),
                Arbitraries.of("", "eth0", "wg1", "veth+", "ens3.100"),
                Arbitraries.strings().withChars("abcXYZ019 -_.,:;!?/()'").ofMaxLength(40))
                .as(Policies::ruleOrNull)
                .filter(r -> r != null);
        return Combinators.combine(
                Arbitraries.of(Action.ALLOW, Action.DENY, Action.REJECT).list().ofSize(3),
                rule.list().ofMinSize(2).ofMaxSize(16))
                .as(Policies::policyOrNull)
                .filter(p -> p != null);
    }

    private static Arbitrary<Ports> ports() {
        Arbitrary<PortRange> range = Arbitraries.integers().between(1, 65535)
                .flatMap(first -> Arbitraries.integers().between(first, Math.min(65535, first + 500))
                        .map(last -> PortRange.of(first, last)));
        Arbitrary<PortRange> single = Arbitraries.integers().between(1, 65535).map(PortRange::of);
        return Arbitraries.oneOf(single, single, range).list().ofMaxSize(20).map(Ports::new);
    }

    /** Sources (at most 3) and destinations (at most 2), mostly of one IP version so that the rule can match. */
    private static Arbitrary<List<List<IpNetwork>>> addresses() {
        Arbitrary<IpNetwork> v4 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.integers().between(8, 32)).as(Policies::network);
        Arbitrary<IpNetwork> v6 = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(16),
                Arbitraries.integers().between(16, 128)).as(Policies::network);
        Arbitrary<IpNetwork> mixed = Arbitraries.oneOf(v4, v6);
        return Arbitraries.of(v4, v6, mixed).flatMap(family -> Combinators.combine(
                family.list().ofMaxSize(3), family.list().ofMaxSize(2)).as(List::of));
    }

    private static IpNetwork network(byte[] bytes, int prefix) {
        try {
            return IpNetwork.containing(InetAddress.getByAddress(bytes), prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Rule ruleOrNull(Action action, Direction direction, Optional<Protocol> protocol, Ports ports,
                                   List<List<IpNetwork>> addresses, String iface, String comment) {
        List<IpNetwork> sources = addresses.get(0);
        List<IpNetwork> destinations = addresses.get(1);
        try {
            RuleBuilder b = action == Action.ALLOW ? Rule.allow() : action == Action.DENY ? Rule.deny()
                    : action == Action.REJECT ? Rule.reject() : Rule.limit();
            b.direction(direction).comment(comment).from(sources);
            destinations.forEach(b::to);
            protocol.ifPresent(b::protocol);
            if (protocol.map(Protocol::hasPorts).orElse(true)) {
                b.ports(ports);
            }
            if (!iface.isEmpty()) {
                if (direction == Direction.OUT) {
                    b.outInterface(iface);
                } else {
                    b.inInterface(iface);
                }
            }
            return b.build();
        } catch (ValidationException e) {
            return null;
        }
    }

    private static FirewallPolicy policyOrNull(List<Action> defaults, List<Rule> rules) {
        try {
            FirewallPolicyBuilder b = FirewallPolicy.builder().defaultIncoming(defaults.get(0))
                    .defaultOutgoing(defaults.get(1)).defaultRouted(defaults.get(2));
            rules.forEach(b::rule);
            return b.build();
        } catch (ValidationException e) {
            return null;
        }
    }
}
