package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.firewall.analysis.HostInterfaces;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.NatAddress;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's path for the first packet of a new connection to the host, for one family: netdev
 * ingress, PREROUTING (raw with notrack, then conntrack at priority -200, mangle, destination NAT in
 * nat-type chains — once per connection —, and any other base chain), the routing decision (the
 * host's own address, or another machine), then INPUT, or FORWARD and POSTROUTING. Base chains of
 * every table on one hook run in priority order, and each must let the packet through. Not API.
 */
public final class PacketPath {

    /** The conntrack hook's priority: base chains below it see the packet before conntrack. */
    private static final int CONNTRACK = -200;

    private final boolean ipv6;
    private final HostInterfaces interfaces;
    private final List<Stage> ingress;
    private final List<Stage> prerouting;
    private final List<Stage> input;
    private final List<Stage> forward;
    private final List<Stage> postrouting;

    /** A base chain with its table, compiled for the family. */
    private record Stage(ChainWalker.Compiled table, Chain chain) {
        boolean nat() {
            return chain.type().equals("nat");
        }
    }

    /**
     * A connection delivered to the host.
     *
     * @param address the local address it is for, empty when it is any of the host's (the original
     *                destination of a wildcard socket, or REDIRECT's incoming-interface address)
     * @param port    its destination port, -1 when a NAT rule's new port is not known
     * @param sources who gets there
     * @param nat     the DNAT/REDIRECT that brought it to this port, or {@code null}
     */
    public record Delivery(Optional<InetAddress> address, int port, AddressSet sources, ChainWalker.NatHit nat) {
    }

    /**
     * A connection destination-NATed to another machine.
     *
     * @param nat     the rule that sent it
     * @param address the new destination, empty when not known
     * @param port    the new destination port
     * @param sources who gets through FORWARD and POSTROUTING
     */
    public record Forward(ChainWalker.NatHit nat, Optional<InetAddress> address, int port, AddressSet sources) {
    }

    /**
     * Where the connections go.
     *
     * @param local     deliveries to the host
     * @param forwarded connections sent to other machines
     * @param reasons   where sources were taken both ways, and why
     * @param loop      whether a jump loop was met
     */
    public record Result(List<Delivery> local, List<Forward> forwarded, List<ChainWalker.Reason> reasons, boolean loop) {
    }

    private record Flow(Query query, AddressSet sources, ChainWalker.NatHit nat) {
    }

    /** The path through {@code rules} for IPv6 ({@code ipv6}) or IPv4 packets. */
    public PacketPath(Ruleset rules, boolean ipv6, HostInterfaces interfaces) {
        this.ipv6 = ipv6;
        this.interfaces = interfaces;
        Map<Table, ChainWalker.Compiled> compiled = new IdentityHashMap<>();
        List<Stage> in = new ArrayList<>();
        List<Stage> pre = new ArrayList<>();
        List<Stage> inp = new ArrayList<>();
        List<Stage> fwd = new ArrayList<>();
        List<Stage> post = new ArrayList<>();
        for (Table t : rules.tables()) {
            boolean carries = t.family() == Family.NETDEV || (ipv6 ? t.family().carriesIpv6() : t.family().carriesIpv4());
            if (!carries) {
                continue;
            }
            for (Chain c : t.chains()) {
                if (c.hook().isEmpty()) {
                    continue;
                }
                List<Stage> to = switch (c.hook().get()) {
                    case INGRESS -> in;
                    case PREROUTING -> t.family() == Family.NETDEV ? null : pre;
                    case INPUT -> inp;
                    case FORWARD -> fwd;
                    case POSTROUTING -> post;
                    default -> null;
                };
                if (to != null) {
                    to.add(new Stage(compiled.computeIfAbsent(t, x -> ChainWalker.Compiled.of(x, ipv6)), c));
                }
            }
        }
        Comparator<Stage> byPriority = Comparator.comparingInt(s -> s.chain().priority());
        for (List<Stage> l : List.of(in, pre, inp, fwd, post)) {
            l.sort(byPriority);
        }
        this.ingress = in;
        this.prerouting = pre;
        this.input = inp;
        this.forward = fwd;
        this.postrouting = post;
    }

    /** Runs {@code sources} arriving as {@code start} (phase BEFORE_CONNTRACK) along the path. */
    public Result run(Query start, AddressSet sources) {
        List<ChainWalker.Reason> reasons = new ArrayList<>();
        boolean[] loop = {false};
        AddressSet s = sources.copy();
        for (Stage st : ingress) {
            List<String> devices = st.chain().devices();
            if (devices.isEmpty()) {
                unknownDevices(st, start, s, reasons, loop);
                continue;
            }
            if (devices.stream().noneMatch(d -> new dev.bulwark.firewall.parse.Match.Iface(true, false, d).covers(start.iface()))) {
                continue;
            }
            s = walk(st, start, s, reasons, loop).accepted();
        }
        List<Flow> flows = new ArrayList<>();
        flows.add(new Flow(start, s, null));
        AddressSet untracked = AddressSet.empty(ipv6);
        AddressSet untrackedSure = AddressSet.empty(ipv6);
        boolean tracked = false;
        for (Stage st : prerouting) {
            if (!tracked && st.chain().priority() >= CONNTRACK) {
                flows = conntrack(flows, untracked, untrackedSure);
                tracked = true;
            }
            flows = stage(st, flows, reasons, loop, untracked, untrackedSure);
        }
        if (!tracked) {
            flows = conntrack(flows, untracked, untrackedSure);
        }
        List<Delivery> local = new ArrayList<>();
        List<Forward> forwarded = new ArrayList<>();
        for (Flow f : flows) {
            if (f.sources().isEmpty()) {
                continue;
            }
            if (!f.query().forwarded()) {
                AddressSet in = through(input, f, reasons, loop);
                local.add(new Delivery(f.query().destination(), f.query().port(), in, f.nat()));
            } else {
                Optional<String> out = f.query().destination().flatMap(interfaces::outgoing);
                Flow routed = new Flow(f.query().routed(out), f.sources(), f.nat());
                AddressSet fw = through(forward, routed, reasons, loop);
                AddressSet post = through(postrouting, new Flow(routed.query(), fw, f.nat()), reasons, loop);
                forwarded.add(new Forward(f.nat(), f.query().destination(), f.query().port(), post));
            }
        }
        return new Result(local, forwarded, reasons, loop[0]);
    }

    private static List<Flow> conntrack(List<Flow> flows, AddressSet untracked, AddressSet untrackedSure) {
        List<Flow> out = new ArrayList<>();
        for (Flow f : flows) {
            AddressSet notracked = f.sources().intersect(untracked);
            AddressSet tracked = f.sources().minus(untrackedSure);
            if (!tracked.isEmpty()) {
                out.add(new Flow(f.query().withPhase(Query.Phase.NEW), tracked, f.nat()));
            }
            if (!notracked.isEmpty()) {
                out.add(new Flow(f.query().withPhase(Query.Phase.UNTRACKED), notracked, f.nat()));
            }
        }
        return out;
    }

    private List<Flow> stage(Stage st, List<Flow> flows, List<ChainWalker.Reason> reasons, boolean[] loop,
                             AddressSet untracked, AddressSet untrackedSure) {
        List<Flow> out = new ArrayList<>();
        for (Flow f : flows) {
            if (f.sources().isEmpty()) {
                continue;
            }
            boolean natChain = st.nat();
            if (natChain && (f.query().phase() == Query.Phase.UNTRACKED || f.nat() != null)) {
                // an untracked packet is never NATed, and a connection is destination-NATed once
                out.add(f);
                continue;
            }
            ChainWalker.Outcome o = walk(st, f.query(), f.sources(), reasons, loop);
            if (f.query().phase() == Query.Phase.BEFORE_CONNTRACK) {
                untracked.addAll(o.untracked());
                untrackedSure.addAll(o.untrackedSure());
            }
            out.add(new Flow(f.query(), o.accepted(), f.nat()));
            for (ChainWalker.NatHit hit : o.nats()) {
                out.addAll(natted(f, hit));
            }
        }
        return out;
    }

    /** The flows a DNAT or REDIRECT makes of {@code f}'s sources it catches. */
    private List<Flow> natted(Flow f, ChainWalker.NatHit hit) {
        Query q = f.query();
        Optional<NatAddress> to = hit.nat().destination();
        int port = to.flatMap(NatAddress::ports).map(p -> p.first()).orElse(q.port());
        if (hit.nat().kind().equals("REDIRECT")) {
            return List.of(new Flow(q.natted(Optional.empty(), port, true), hit.sources(), hit));
        }
        if (to.isEmpty()) {
            // where it goes is not known: to any local port, and to another machine
            return List.of(new Flow(q.natted(Optional.empty(), -1, true), hit.sources(), hit),
                    new Flow(q.natted(Optional.empty(), -1, false), hit.sources(), hit));
        }
        if (to.get().first().isEmpty()) {
            return List.of(new Flow(q.natted(q.destination(), port, true), hit.sources(), hit));
        }
        InetAddress address = to.get().first().get();
        if ((address.getAddress().length == 16) != ipv6) {
            return List.of();
        }
        Optional<Boolean> local = interfaces.isLocal(address);
        List<Flow> out = new ArrayList<>();
        if (local.orElse(true)) {
            out.add(new Flow(q.natted(Optional.of(address), port, true), hit.sources(), hit));
        }
        if (!local.orElse(false)) {
            out.add(new Flow(q.natted(Optional.of(address), port, false), hit.sources(), hit));
        }
        return out;
    }

    private AddressSet through(List<Stage> stages, Flow f, List<ChainWalker.Reason> reasons, boolean[] loop) {
        AddressSet s = f.sources();
        for (Stage st : stages) {
            if (s.isEmpty()) {
                break;
            }
            if (st.nat() && f.query().phase() == Query.Phase.UNTRACKED) {
                continue;
            }
            s = walk(st, f.query(), s, reasons, loop).accepted();
        }
        return s;
    }

    /**
     * An ingress chain whose devices the listing does not show ({@code nft -j} 1.0.6 leaves out a
     * netdev chain's {@code device}): whether it sees the packet is unknown, so what it would drop
     * is not relied on, and the sources it would drop are marked as assumed reachable.
     */
    private void unknownDevices(Stage st, Query q, AddressSet sources, List<ChainWalker.Reason> reasons, boolean[] loop) {
        ChainWalker.Outcome o = new ChainWalker(st.table(), q).run(st.chain(), sources);
        loop[0] |= o.loop();
        AddressSet dropped = sources.minus(o.accepted());
        if (!dropped.isEmpty() && !st.chain().rules().isEmpty()) {
            reasons.add(new ChainWalker.Reason(st.chain().rules().get(0), "ingress chain '" + st.chain().name()
                    + "' may not see the packet: the listing does not show which devices it is bound to", dropped));
        }
    }

    private ChainWalker.Outcome walk(Stage st, Query q, AddressSet s, List<ChainWalker.Reason> reasons, boolean[] loop) {
        ChainWalker.Outcome o = new ChainWalker(st.table(), q).run(st.chain(), s);
        reasons.addAll(o.reasons());
        loop[0] |= o.loop();
        return o;
    }

    /** Whether any base chain of the family is attached to {@code hook}. */
    public boolean has(Hook hook) {
        return switch (hook) {
            case INGRESS -> !ingress.isEmpty();
            case PREROUTING -> !prerouting.isEmpty();
            case INPUT -> !input.isEmpty();
            case FORWARD -> !forward.isEmpty();
            case POSTROUTING -> !postrouting.isEmpty();
            default -> false;
        };
    }
}
