package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Classifies listening sockets against a {@link Ruleset}: for each family the socket can receive,
 * for each class of incoming interface, the set of all sources is run through the base chains of
 * the PREROUTING and INPUT hooks in priority order (every base chain must let a packet through);
 * what survives is the set of outside sources that reach the socket. Not API.
 */
public final class SocketAnalyzer {

    private final Ruleset rules;
    private final List<SocketEntry> all;
    private final FamilyView v4;
    private final FamilyView v6;

    /** The base chains and interface classes of one family. */
    private record FamilyView(List<ChainWalker.Compiled> tables, List<Chain> path, List<String> ifaces) {
    }

    /**
     * An analyzer of sockets against {@code rules}.
     *
     * @param rules the deployed ruleset
     * @param all   every socket of the table (to tell a v6-only {@code [::]} socket by its {@code 0.0.0.0} twin)
     */
    public SocketAnalyzer(Ruleset rules, List<SocketEntry> all) {
        this.rules = rules;
        this.all = all;
        this.v4 = view(false);
        this.v6 = view(true);
    }

    private FamilyView view(boolean ipv6) {
        List<Table> tables = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (Table t : rules.tables()) {
            if (ipv6 ? t.family().carriesIpv6() : t.family().carriesIpv4()) {
                tables.add(t);
                for (Chain c : t.chains()) {
                    if (c.hook().filter(h -> h == Hook.PREROUTING || h == Hook.INPUT).isPresent()) {
                        steps.add(new Step(t, c));
                    }
                }
            }
        }
        steps.sort(Comparator.comparingInt((Step st) -> st.chain().hook().orElseThrow().ordinal())
                .thenComparingInt(st -> st.chain().priority()));
        java.util.Map<Table, ChainWalker.Compiled> compiled = new java.util.IdentityHashMap<>();
        List<ChainWalker.Compiled> owners = new ArrayList<>();
        List<Chain> path = new ArrayList<>();
        for (Step st : steps) {
            owners.add(compiled.computeIfAbsent(st.table(), t -> ChainWalker.Compiled.of(t, ipv6)));
            path.add(st.chain());
        }
        return new FamilyView(owners, path, InterfaceClasses.of(tables));
    }

    private record Step(Table table, Chain chain) {
    }

    /** The exposure of one socket, or empty when it is not an IP socket of a protocol with ports. */
    public Optional<SocketExposure> analyze(SocketEntry socket) {
        String protocol = switch (socket.netid()) {
            case TCP, MPTCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
            case DCCP -> "dccp";
            default -> "";
        };
        Endpoint local = socket.local();
        if (protocol.isEmpty() || !local.isIp() || local.isWildcardPort()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        if (local.scope().filter(s -> s.equals("lo")).isPresent()) {
            return Optional.of(new SocketExposure(socket, Exposure.INTERNAL, List.of(), List.of("bound to device lo")));
        }
        boolean wantV4;
        boolean wantV6;
        Optional<InetAddress> destination = Optional.empty();
        boolean inferredDual = false;
        if (local.address().equals(Endpoint.WILDCARD)) {
            wantV4 = true;
            wantV6 = true;
            inferredDual = true;
        } else {
            InetAddress a = IpAddresses.parse(local.address());
            Optional<Inet4Address> mapped = IpAddresses.ipv4Of(a);
            if (mapped.isPresent()) {
                a = mapped.get();
            }
            if (a.isLoopbackAddress()) {
                return Optional.of(new SocketExposure(socket, Exposure.INTERNAL, List.of(), List.of("bound to loopback")));
            }
            boolean isV6 = a instanceof Inet6Address;
            if (a.isAnyLocalAddress() && isV6) {
                String v6only = socket.extension("v6only").orElse("");
                wantV6 = true;
                wantV4 = !v6only.equals("1") && !hasIpv4Twin(socket);
                inferredDual = wantV4 && v6only.isEmpty();
            } else {
                wantV4 = !isV6;
                wantV6 = isV6;
                if (!a.isAnyLocalAddress()) {
                    destination = Optional.of(a);
                }
            }
        }
        if (inferredDual && rules.covers(false) != rules.covers(true)) {
            // a dual-stack socket with rules for only one family: judge it by the family the rules cover
            wantV4 = rules.covers(false);
            wantV6 = rules.covers(true);
            notes.add("rules cover only " + (wantV4 ? "IPv4" : "IPv6") + "; the other family was not analysed");
        }
        int port = local.port();
        Optional<String> device = local.scope();
        List<IpNetwork> sources = new ArrayList<>();
        boolean isPublic = false;
        for (boolean ipv6 : new boolean[] {false, true}) {
            if (ipv6 ? !wantV6 : !wantV4) {
                continue;
            }
            AddressSet reach;
            if (!rules.covers(ipv6)) {
                reach = AddressSet.all(ipv6);
                notes.add("no " + (ipv6 ? "IPv6" : "IPv4") + " rules given: that family is taken as unfiltered");
            } else {
                reach = reach(ipv6 ? v6 : v4, new Query(ipv6, protocol, port, "", destination, false), device, notes);
            }
            if (reach.size().shiftLeft(1).compareTo(AddressSet.max(ipv6).add(BigInteger.ONE)) >= 0) {
                isPublic = true;
            }
            for (BigInteger[] block : reach.toBlocks()) {
                sources.add(network(block[0], block[1].intValue(), ipv6));
            }
        }
        Exposure level = sources.isEmpty() ? Exposure.INTERNAL : isPublic ? Exposure.PUBLIC : Exposure.PRIVATE;
        return Optional.of(new SocketExposure(socket, level, sources, notes));
    }

    private boolean hasIpv4Twin(SocketEntry socket) {
        for (SocketEntry other : all) {
            if (other != socket && other.isListening() && other.netid() == socket.netid()
                    && other.local().isIp() && other.local().port() == socket.local().port()
                    && other.local().address().equals("0.0.0.0")
                    && other.local().scope().equals(socket.local().scope())) {
                return true;
            }
        }
        return false;
    }

    private static AddressSet reach(FamilyView view, Query base, Optional<String> device, List<String> notes) {
        AddressSet reach = AddressSet.empty(base.ipv6());
        AddressSet diverted = AddressSet.empty(base.ipv6());
        List<String> classes = device.isPresent() ? List.of(device.get()) : view.ifaces();
        for (String iface : classes) {
            Query q = base.withIface(iface);
            AddressSet s = AddressSet.all(base.ipv6());
            for (int i = 0; i < view.path().size() && !s.isEmpty(); i++) {
                ChainWalker.Outcome out = new ChainWalker(view.tables().get(i), q).run(view.path().get(i), s);
                diverted.addAll(out.diverted());
                s = out.accepted();
                if (out.loop()) {
                    addOnce(notes, "a jump loop was met; the sources are over-approximated");
                }
            }
            reach.addAll(s);
        }
        if (!diverted.isEmpty()) {
            addOnce(notes, "DNAT/REDIRECT sends some new " + base.protocol() + "/" + base.port()
                    + " connections elsewhere before they reach this socket");
        }
        return reach;
    }

    private static void addOnce(List<String> notes, String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    private static IpNetwork network(BigInteger address, int prefix, boolean ipv6) {
        byte[] raw = address.toByteArray();
        byte[] bytes = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            InetAddress a = ipv6 ? Inet6Address.getByAddress(null, bytes, null) : InetAddress.getByAddress(bytes);
            return IpNetwork.of(a, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes refused", e);
        }
    }
}
