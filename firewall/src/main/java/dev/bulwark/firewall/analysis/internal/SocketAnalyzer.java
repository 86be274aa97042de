package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.firewall.analysis.ForwardedExposure;
import dev.bulwark.firewall.analysis.HostInterface;
import dev.bulwark.firewall.analysis.HostInterfaces;
import dev.bulwark.firewall.analysis.InterfaceClass;
import dev.bulwark.firewall.analysis.InterfaceReach;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.firewall.parse.NatAddress;
import dev.bulwark.firewall.parse.Ruleset;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Classifies listening sockets and forwarded ports against a {@link Ruleset}: for each family the
 * socket can receive and each incoming interface (or class of interfaces), the set of all sources
 * is run along the kernel's {@link PacketPath} — for connections to the socket's own port, and for
 * connections to every port a DNAT or REDIRECT may turn into it —; what is delivered to the socket
 * is who reaches it. Ports that DNAT sends to other machines are results of their own. Sockets
 * may be analysed from several threads at once: each walk is made once and its result only read
 * afterwards. Not API.
 */
public final class SocketAnalyzer {

    /** Most notes of "assumed reachable because …" kept per result. */
    private static final int MAX_REASONS = 6;

    private final Ruleset rules;
    private final List<SocketEntry> all;
    private final HostInterfaces interfaces;
    private final List<InterfaceClasses.Rep> reps;
    private final Map<Boolean, PacketPath> paths = new HashMap<>();
    private final Map<Boolean, NatIndex> nats = new HashMap<>();
    private final Map<Boolean, Boolean> matchesDestination = new HashMap<>();
    /** Walks by what they ask, each made once however many sockets (and threads) need it. */
    private final Map<Key, FutureTask<PacketPath.Result>> memo = new ConcurrentHashMap<>();

    private record Key(boolean ipv6, String protocol, int port, String iface, Optional<InetAddress> destination) {
    }

    /**
     * An analyzer of sockets against {@code rules}.
     *
     * @param rules      the deployed ruleset
     * @param all        every socket of the table (to tell a v6-only {@code [::]} socket by its {@code 0.0.0.0} twin)
     * @param interfaces the host's interfaces, or {@link HostInterfaces#conventional()}
     */
    public SocketAnalyzer(Ruleset rules, List<SocketEntry> all, HostInterfaces interfaces) {
        this.rules = rules;
        this.all = all;
        this.interfaces = interfaces;
        this.reps = InterfaceClasses.of(rules.tables(), interfaces);
    }

    /** What the analysis assumed about the whole host, in plain words. */
    public List<String> assumptions() {
        List<String> out = new ArrayList<>();
        if (!interfaces.known()) {
            out.add("no interface map was given: interfaces are classed by name (lo loopback; wg*, tun*, tap* VPN; "
                    + "docker*, br-*, cni*, veth* container bridges; any other public), and whether a DNAT target "
                    + "is this host's own address is not known, so both are assumed");
        }
        for (boolean ipv6 : new boolean[] {false, true}) {
            if (!rules.covers(ipv6)) {
                out.add("no " + (ipv6 ? "IPv6" : "IPv4") + " rules given: that family is taken as unfiltered");
            }
        }
        return out;
    }

    private synchronized PacketPath path(boolean ipv6) {
        return paths.computeIfAbsent(ipv6, v -> new PacketPath(rules, v, interfaces));
    }

    private synchronized NatIndex natIndex(boolean ipv6) {
        return nats.computeIfAbsent(ipv6, v -> NatIndex.of(rules, v));
    }

    private PacketPath.Result run(boolean ipv6, String protocol, int port, String iface, Optional<InetAddress> destination) {
        FutureTask<PacketPath.Result> walk = new FutureTask<>(() -> path(ipv6).run(
                Query.arriving(ipv6, protocol, port, iface, destination, destination.isPresent() ? List.of() : locals(ipv6)),
                AddressSet.all(ipv6)));
        FutureTask<PacketPath.Result> first = memo.putIfAbsent(new Key(ipv6, protocol, port, iface, destination), walk);
        if (first == null) {
            walk.run();
            first = walk;
        }
        try {
            return first.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another thread walked the same packet", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<InetAddress> locals(boolean ipv6) {
        List<InetAddress> out = new ArrayList<>();
        for (HostInterface i : interfaces.interfaces()) {
            if (i.kind() == InterfaceClass.LOOPBACK) {
                continue;
            }
            for (InetAddress a : i.addresses()) {
                if ((a instanceof Inet6Address) == ipv6 && !a.isLoopbackAddress()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The destinations to run for a socket bound to every address: each local one when rules tell them apart. */
    private synchronized List<Optional<InetAddress>> wildcardDestinations(boolean ipv6) {
        List<InetAddress> locals = locals(ipv6);
        boolean split = !locals.isEmpty() && locals.size() <= 16
                && matchesDestination.computeIfAbsent(ipv6, v -> NatIndex.mentionsDestination(rules, v));
        if (!split) {
            return List.of(Optional.empty());
        }
        List<Optional<InetAddress>> out = new ArrayList<>();
        for (InetAddress a : locals) {
            out.add(Optional.of(a));
        }
        return out;
    }

    private static String protocolOf(SocketEntry socket) {
        return switch (socket.netid()) {
            case TCP, MPTCP -> "tcp";
            case UDP -> "udp";
            case SCTP -> "sctp";
            case DCCP -> "dccp";
            default -> "";
        };
    }

    /** The exposure of one socket, or empty when it is not an IP socket of a protocol with ports. */
    public Optional<SocketExposure> analyze(SocketEntry socket) {
        String protocol = protocolOf(socket);
        Endpoint local = socket.local();
        if (!protocol.isEmpty() && !local.isWildcardPort()
                && (local.isHostName() || (local.isIp() && local.portNumber().isEmpty()))) {
            // ss without -n or with -r: a name where the analysis needs a number or an address
            String why = local.isHostName()
                    ? "ss printed the host name " + local.address() + " (ss -r) in place of the address it is bound to"
                    : "ss printed the port as the service name " + local.portText()
                            + ", which no services database mapped back to a number";
            return Optional.of(new SocketExposure(socket, Exposure.PUBLIC,
                    List.of(IpNetwork.ANY_IPV4, IpNetwork.ANY_IPV6), List.of("assumed reachable because " + why)));
        }
        if (protocol.isEmpty() || !local.isIp() || local.isWildcardPort()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        if (local.scope().filter(s -> s.equals("lo")).isPresent()) {
            return Optional.of(new SocketExposure(socket, Exposure.INTERNAL, List.of(), List.of("bound to device lo")));
        }
        boolean wantV4;
        boolean wantV6;
        Optional<InetAddress> bound = Optional.empty();
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
                    bound = Optional.of(a);
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
        Map<String, AddressSet[]> perIface = new LinkedHashMap<>();
        Map<String, InterfaceClasses.Rep> repOf = new LinkedHashMap<>();
        Set<String> reasonNotes = new LinkedHashSet<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            if (ipv6 ? !wantV6 : !wantV4) {
                continue;
            }
            for (InterfaceClasses.Rep rep : repsFor(device)) {
                repOf.put(rep.display(), rep);
                AddressSet reach;
                if (!rules.covers(ipv6)) {
                    reach = AddressSet.all(ipv6);
                    addOnce(notes, "no " + (ipv6 ? "IPv6" : "IPv4") + " rules given: that family is taken as unfiltered");
                } else {
                    reach = reach(ipv6, protocol, port, rep.name(), bound, notes, reasonNotes);
                }
                AddressSet[] both = perIface.computeIfAbsent(rep.display(), k -> new AddressSet[2]);
                both[ipv6 ? 1 : 0] = reach;
            }
        }
        for (String r : reasonNotes) {
            if (notes.size() < MAX_REASONS + 4) {
                notes.add(r);
            }
        }
        return Optional.of(result(socket, perIface, repOf, notes));
    }

    private List<InterfaceClasses.Rep> repsFor(Optional<String> device) {
        if (device.isEmpty()) {
            return reps;
        }
        for (InterfaceClasses.Rep r : reps) {
            if (r.name().equals(device.get())) {
                return List.of(r);
            }
        }
        return List.of(new InterfaceClasses.Rep(device.get(), device.get(), interfaces.classOf(device.get())));
    }

    /** Who reaches a socket on {@code port} (bound to {@code bound}, or every address) arriving on {@code iface}. */
    private AddressSet reach(boolean ipv6, String protocol, int port, String iface, Optional<InetAddress> bound,
                             List<String> notes, Set<String> reasonNotes) {
        AddressSet reach = AddressSet.empty(ipv6);
        List<ChainWalker.Reason> reasons = new ArrayList<>();
        List<Optional<InetAddress>> direct = bound.isPresent() ? List.of(bound) : wildcardDestinations(ipv6);
        for (Optional<InetAddress> dst : direct) {
            PacketPath.Result r = run(ipv6, protocol, port, iface, dst);
            collect(r, port, bound, reach, notes, protocol);
            reasons.addAll(r.reasons());
            if (r.loop()) {
                addOnce(notes, "a jump loop was met; the sources are over-approximated");
            }
        }
        for (int original : natIndex(ipv6).originalsFor(protocol, port)) {
            if (original == port) {
                continue;
            }
            for (Optional<InetAddress> dst : wildcardDestinations(ipv6)) {
                PacketPath.Result r = run(ipv6, protocol, original, iface, dst);
                for (PacketPath.Delivery d : r.local()) {
                    if (d.nat() != null && (d.port() == port || d.port() == -1) && addressFits(d.address(), bound)
                            && !d.sources().isEmpty()) {
                        reach.addAll(d.sources());
                        addOnce(notes, "also reached by connections to " + protocol + "/" + original + " that "
                                + d.nat().rule().position() + " ('" + d.nat().rule().text() + "') sends here");
                    }
                }
                reasons.addAll(r.reasons());
            }
        }
        for (ChainWalker.Reason why : reasons) {
            if (!why.sources().intersect(reach).isEmpty()) {
                reasonNotes.add(assumed(why));
            }
        }
        return reach;
    }

    private static void collect(PacketPath.Result r, int port, Optional<InetAddress> bound, AddressSet reach,
                                List<String> notes, String protocol) {
        for (PacketPath.Delivery d : r.local()) {
            if (d.nat() == null || (d.port() == port || d.port() == -1) && addressFits(d.address(), bound)) {
                reach.addAll(d.sources());
            } else if (!d.sources().isEmpty()) {
                addOnce(notes, "new " + protocol + "/" + port + " connections from some sources are sent to port "
                        + d.port() + " by " + d.nat().rule().position() + " before they reach this socket");
            }
        }
        for (PacketPath.Forward f : r.forwarded()) {
            if (!f.sources().isEmpty()) {
                // the port is taken over by DNAT: whoever connects reaches the forwarded service on this port
                reach.addAll(f.sources());
                addOnce(notes, "new " + protocol + "/" + port + " connections are forwarded to "
                        + f.address().map(IpAddresses::format).orElse("another machine") + ":" + f.port() + " by "
                        + f.nat().rule().position() + " ('" + f.nat().rule().text()
                        + "') instead of reaching this socket; the port counts as reachable from those sources");
            }
        }
    }

    /** The note for sources taken both ways at one rule. */
    private static String assumed(ChainWalker.Reason why) {
        return "assumed reachable because " + why.why() + " (" + why.rule().position() + ": '" + why.rule().text() + "')";
    }

    private static boolean addressFits(Optional<InetAddress> delivered, Optional<InetAddress> bound) {
        return bound.isEmpty() || delivered.isEmpty() || delivered.equals(bound);
    }

    private SocketExposure result(SocketEntry socket, Map<String, AddressSet[]> perIface,
                                  Map<String, InterfaceClasses.Rep> repOf, List<String> notes) {
        List<InterfaceReach> via = new ArrayList<>();
        AddressSet v4 = AddressSet.empty(false);
        AddressSet v6 = AddressSet.empty(true);
        boolean isPublic = false;
        V4Networks made = new V4Networks();
        for (Map.Entry<String, AddressSet[]> e : perIface.entrySet()) {
            InterfaceClasses.Rep rep = repOf.get(e.getKey());
            List<IpNetwork> sources = new ArrayList<>();
            for (AddressSet s : e.getValue()) {
                if (s == null) {
                    continue;
                }
                (s.ipv6() ? v6 : v4).addAll(s);
                sources.addAll(s.toNetworks(made));
                isPublic |= rep.kind() == InterfaceClass.PUBLIC && large(s);
            }
            via.add(new InterfaceReach(rep.display(), rep.kind(), sources));
        }
        List<IpNetwork> sources = new ArrayList<>(v4.toNetworks(made));
        sources.addAll(blocks(v6));
        Exposure level = sources.isEmpty() ? Exposure.INTERNAL : isPublic ? Exposure.PUBLIC : Exposure.PRIVATE;
        return new SocketExposure(socket, level, sources, notes, via);
    }

    /** Whether the set holds at least half of its family's addresses ("anyone but a few"). */
    static boolean large(AddressSet s) {
        return s.atLeastHalf();
    }

    /** Every port forwarded to another machine by destination NAT, with who gets through. */
    public List<ForwardedExposure> forwarded() {
        List<ForwardedExposure> out = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            if (!rules.covers(ipv6)) {
                continue;
            }
            NatIndex index = natIndex(ipv6);
            for (NatIndex.Entry entry : index.entries()) {
                for (String protocol : entry.protocols()) {
                    forwards(ipv6, protocol, entry, index, out);
                }
            }
        }
        return out;
    }

    private void forwards(boolean ipv6, String protocol, NatIndex.Entry entry, NatIndex index, List<ForwardedExposure> out) {
        forwards(ipv6, protocol, entry, index, false, out);
        forwards(ipv6, protocol, entry, index, true, out);
    }

    /** The sources {@code entry} sends to another machine, or to this host ({@code toHost}), in a result. */
    private static List<AddressSet> sent(PacketPath.Result r, NatIndex.Entry entry, boolean toHost) {
        List<AddressSet> out = new ArrayList<>();
        if (toHost) {
            for (PacketPath.Delivery d : r.local()) {
                if (d.nat() != null && d.nat().rule() == entry.rule() && d.nat().nat().equals(entry.nat())) {
                    out.add(d.sources());
                }
            }
        } else {
            for (PacketPath.Forward f : r.forwarded()) {
                if (f.nat().rule() == entry.rule() && f.nat().nat().equals(entry.nat())) {
                    out.add(f.sources());
                }
            }
        }
        return out;
    }

    private void forwards(boolean ipv6, String protocol, NatIndex.Entry entry, NatIndex index, boolean toHost,
                          List<ForwardedExposure> out) {
        Group current = null;
        for (PortRange cls : index.classes(entry.originals())) {
            Map<String, AddressSet> perIface = new LinkedHashMap<>();
            Set<String> reasonNotes = new LinkedHashSet<>();
            boolean seen = false;
            for (InterfaceClasses.Rep rep : reps) {
                for (Optional<InetAddress> dst : wildcardDestinations(ipv6)) {
                    PacketPath.Result r = run(ipv6, protocol, cls.first(), rep.name(), dst);
                    for (AddressSet sources : sent(r, entry, toHost)) {
                        seen = true;
                        perIface.computeIfAbsent(rep.display(), k -> AddressSet.empty(ipv6)).addAll(sources);
                        for (ChainWalker.Reason why : r.reasons()) {
                            if (!why.sources().intersect(sources).isEmpty()) {
                                reasonNotes.add(assumed(why));
                            }
                        }
                    }
                }
            }
            if (!seen) {
                continue;
            }
            StringBuilder signature = new StringBuilder();
            for (InterfaceClasses.Rep rep : reps) {
                signature.append(perIface.getOrDefault(rep.display(), AddressSet.empty(ipv6))).append('|');
            }
            if (current != null && current.last + 1 == cls.first() && current.signature.equals(signature.toString())) {
                current.last = cls.last();
                current.reasons.addAll(reasonNotes);
                continue;
            }
            if (current != null) {
                out.add(forwardedResult(ipv6, protocol, entry, current, toHost));
            }
            current = new Group(cls.first(), cls.last(), perIface, signature.toString(), reasonNotes);
        }
        if (current != null) {
            out.add(forwardedResult(ipv6, protocol, entry, current, toHost));
        }
    }

    /** Consecutive port classes with the same result. */
    private static final class Group {
        final int first;
        int last;
        final Map<String, AddressSet> perIface;
        final String signature;
        final Set<String> reasons;

        Group(int first, int last, Map<String, AddressSet> perIface, String signature, Set<String> reasons) {
            this.first = first;
            this.last = last;
            this.perIface = perIface;
            this.signature = signature;
            this.reasons = new LinkedHashSet<>(reasons);
        }
    }

    private ForwardedExposure forwardedResult(boolean ipv6, String protocol, NatIndex.Entry entry, Group g, boolean toHost) {
        List<InterfaceReach> via = new ArrayList<>();
        AddressSet union = AddressSet.empty(ipv6);
        boolean isPublic = false;
        V4Networks made = new V4Networks();
        for (InterfaceClasses.Rep rep : reps) {
            AddressSet s = g.perIface.getOrDefault(rep.display(), AddressSet.empty(ipv6));
            union.addAll(s);
            isPublic |= rep.kind() == InterfaceClass.PUBLIC && large(s);
            via.add(new InterfaceReach(rep.display(), rep.kind(), s.toNetworks(made)));
        }
        List<IpNetwork> sources = union.toNetworks(made);
        Exposure level = sources.isEmpty() ? Exposure.INTERNAL : isPublic ? Exposure.PUBLIC : Exposure.PRIVATE;
        List<String> notes = new ArrayList<>();
        if (entry.nat().destination().isEmpty()) {
            notes.add(entry.nat().to().map(t -> "the NAT target '" + t + "' is not in a form Bulwark reads")
                    .orElse("the rule's target could not be read") + "; assumed reachable because it may send the "
                    + "connection to any address and port" + (toHost ? " of this host" : ""));
        }
        int i = 0;
        for (String r : g.reasons) {
            if (i++ < MAX_REASONS) {
                notes.add(r);
            }
        }
        NatAddress to = entry.nat().destination().orElse(new NatAddress(Optional.empty(), Optional.empty(), Optional.empty()));
        return new ForwardedExposure(protocol, ipv6, PortRange.of(Math.max(1, g.first), g.last), to, toHost, entry.rule(),
                level, sources, via, notes);
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

    private static void addOnce(List<String> notes, String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    static List<IpNetwork> blocks(AddressSet s) {
        return s.toNetworks();
    }
}
