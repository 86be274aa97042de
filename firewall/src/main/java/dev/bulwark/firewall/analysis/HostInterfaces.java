package dev.bulwark.firewall.analysis;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.parse.internal.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The analysed host's network interfaces, their classes and addresses, and its routes: what the
 * exposure analysis needs to tell a VPN-only or private-NIC-only service from a public one, and a
 * destination NAT to the host itself from one to another machine.
 *
 * <p>Read from the host ({@link #read(Host)}: {@code ip -j addr} and {@code ip -j route}), parsed
 * from captured output ({@link #parse(String, String)}), or given ({@link #of(List)}). Classes come
 * from the device's link type and name (loopback; {@code none}-type tunnels and
 * {@link InterfaceClass#byConvention conventional names} for VPNs and container bridges), then
 * from its routes: the interface of a default route is {@link InterfaceClass#PUBLIC PUBLIC}, one
 * with only private, unique-local or link-local addresses and no default route is
 * {@link InterfaceClass#PRIVATE PRIVATE}, any other is PUBLIC. {@link #withClass} overrides a class.
 *
 * <p>{@link #conventional()} knows no interface: every name is classed by convention, every
 * unnamed interface is public, and whether an address is the host's own is unknown (the analysis
 * then takes a DNAT both as local and as forwarded). Results say so.
 */
public final class HostInterfaces {

    private static final HostInterfaces CONVENTIONAL = new HostInterfaces(List.of(), List.of(), false);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<HostInterface> interfaces;
    private final List<Route> routes;
    private final boolean known;

    /**
     * A route of the host's main table.
     *
     * @param destination the destination network ({@code 0.0.0.0/0} for a default route)
     * @param device      the outgoing interface
     */
    public record Route(IpNetwork destination, String device) {
        /** Validates the components. */
        public Route {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(device, "device");
        }
    }

    private HostInterfaces(List<HostInterface> interfaces, List<Route> routes, boolean known) {
        this.interfaces = List.copyOf(interfaces);
        this.routes = List.copyOf(routes);
        this.known = known;
    }

    /** No interface map: names classed by convention, the host's addresses unknown. */
    public static HostInterfaces conventional() {
        return CONVENTIONAL;
    }

    /** The given interfaces, routed by their connected networks only. */
    public static HostInterfaces of(List<HostInterface> interfaces) {
        return of(interfaces, List.of());
    }

    /** The given interfaces and routes. */
    public static HostInterfaces of(List<HostInterface> interfaces, List<Route> routes) {
        Map<String, HostInterface> byName = new LinkedHashMap<>();
        for (HostInterface i : interfaces) {
            if (byName.put(i.name(), i) != null) {
                throw new dev.bulwark.core.ValidationException("interface '" + i.name() + "' is given twice");
            }
        }
        return new HostInterfaces(interfaces, routes, true);
    }

    /**
     * Reads the host's interfaces and routes: {@code ip -j addr show}, {@code ip -j route show}
     * and {@code ip -6 -j route show}.
     */
    public static HostInterfaces read(Host host) throws IOException {
        Objects.requireNonNull(host, "host");
        String addr = host.run(List.of("ip", "-j", "addr", "show"), TIMEOUT).requireSuccess().stdout();
        String r4 = host.run(List.of("ip", "-j", "route", "show"), TIMEOUT).requireSuccess().stdout();
        String r6 = host.run(List.of("ip", "-6", "-j", "route", "show"), TIMEOUT).requireSuccess().stdout();
        Links links = links(addr);
        List<Route> routes = new ArrayList<>(routes(r4, "ip -j route"));
        routes.addAll(routes(r6, "ip -6 -j route"));
        return classify(links, routes);
    }

    /** Parses captured {@code ip -j addr} output (no routes: interfaces are classed by address and name). */
    public static HostInterfaces parse(String ipJsonAddr) {
        return parse(ipJsonAddr, "[]");
    }

    /**
     * Parses captured {@code ip -j addr} and {@code ip -j route} output (one JSON array of routes;
     * {@link #read(Host)} adds the IPv6 routes).
     *
     * @throws ParseException when either is not what {@code ip -j} prints
     */
    public static HostInterfaces parse(String ipJsonAddr, String ipJsonRoute) {
        Objects.requireNonNull(ipJsonAddr, "ipJsonAddr");
        Objects.requireNonNull(ipJsonRoute, "ipJsonRoute");
        return classify(links(ipJsonAddr), routes(ipJsonRoute, "ip -j route"));
    }

    /** Interfaces as read, before classification, with their link types. */
    private record Links(List<HostInterface> interfaces, Map<String, String> linkTypes) {
    }

    private static Links links(String ipJsonAddr) {
        Object root = Json.parse(ipJsonAddr, "ip -j addr");
        if (!(root instanceof List)) {
            throw new ParseException(new Position("ip -j addr", 1, 1), "expected a JSON array of interfaces",
                    ipJsonAddr.length() > 80 ? ipJsonAddr.substring(0, 80) : ipJsonAddr);
        }
        List<HostInterface> out = new ArrayList<>();
        Map<String, String> linkTypes = new LinkedHashMap<>();
        for (Object o : (List<?>) root) {
            if (!(o instanceof Map)) {
                continue;
            }
            Map<?, ?> m = (Map<?, ?>) o;
            Object name = m.get("ifname");
            if (!(name instanceof String)) {
                continue;
            }
            List<InetAddress> addresses = new ArrayList<>();
            List<IpNetwork> networks = new ArrayList<>();
            if (m.get("addr_info") instanceof List) {
                for (Object a : (List<?>) m.get("addr_info")) {
                    if (!(a instanceof Map)) {
                        continue;
                    }
                    Object local = ((Map<?, ?>) a).get("local");
                    Object prefix = ((Map<?, ?>) a).get("prefixlen");
                    if (local instanceof String) {
                        Optional<InetAddress> ip = IpAddresses.tryParse((String) local);
                        if (ip.isPresent()) {
                            addresses.add(ip.get());
                            if (prefix instanceof Number) {
                                networks.add(IpNetwork.containing(ip.get(), ((Number) prefix).intValue()));
                            }
                        }
                    }
                }
            }
            linkTypes.put((String) name, m.get("link_type") instanceof String ? (String) m.get("link_type") : "");
            out.add(new HostInterface((String) name, InterfaceClass.byConvention((String) name), addresses, networks));
        }
        return new Links(out, linkTypes);
    }

    private static List<Route> routes(String json, String source) {
        Object root = Json.parse(json, source);
        List<Route> out = new ArrayList<>();
        if (!(root instanceof List)) {
            throw new ParseException(new Position(source, 1, 1), "expected a JSON array of routes",
                    json.length() > 80 ? json.substring(0, 80) : json);
        }
        for (Object o : (List<?>) root) {
            if (!(o instanceof Map)) {
                continue;
            }
            Map<?, ?> m = (Map<?, ?>) o;
            Object dst = m.get("dst");
            Object dev = m.get("dev");
            if (!(dst instanceof String) || !(dev instanceof String) || m.get("type") instanceof String
                    && !"unicast".equals(m.get("type"))) {
                continue;
            }
            String d = (String) dst;
            Optional<IpNetwork> net;
            if (d.equals("default")) {
                boolean v6 = m.get("gateway") instanceof String && ((String) m.get("gateway")).contains(":")
                        || m.get("prefsrc") instanceof String && ((String) m.get("prefsrc")).contains(":")
                        || source.contains("-6");
                net = Optional.of(v6 ? IpNetwork.ANY_IPV6 : IpNetwork.ANY_IPV4);
            } else {
                net = IpNetwork.tryParse(d.contains("/") ? d : d + (d.contains(":") ? "/128" : "/32"));
            }
            net.ifPresent(n -> out.add(new Route(n, (String) dev)));
        }
        return out;
    }

    private static HostInterfaces classify(Links links, List<Route> routes) {
        List<HostInterface> out = new ArrayList<>();
        for (HostInterface i : links.interfaces()) {
            String type = links.linkTypes().getOrDefault(i.name(), "");
            InterfaceClass byName = InterfaceClass.byConvention(i.name());
            InterfaceClass kind;
            if (type.equals("loopback") || byName == InterfaceClass.LOOPBACK) {
                kind = InterfaceClass.LOOPBACK;
            } else if (byName != InterfaceClass.PUBLIC) {
                kind = byName;
            } else if (type.equals("none")) {
                kind = InterfaceClass.VPN;
            } else if (routes.stream().anyMatch(r -> r.device().equals(i.name()) && r.destination().prefixLength() == 0)) {
                kind = InterfaceClass.PUBLIC;
            } else if (!i.addresses().isEmpty() && i.addresses().stream().allMatch(HostInterfaces::isPrivate)) {
                kind = InterfaceClass.PRIVATE;
            } else {
                kind = InterfaceClass.PUBLIC;
            }
            out.add(new HostInterface(i.name(), kind, i.addresses(), i.networks()));
        }
        return new HostInterfaces(out, routes, true);
    }

    private static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isLoopbackAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return (b[0] & 0xfe) == 0xfc;
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    /** This map with the class of one interface set (added when the map does not have it). */
    public HostInterfaces withClass(String name, InterfaceClass kind) {
        List<HostInterface> out = new ArrayList<>();
        boolean found = false;
        for (HostInterface i : interfaces) {
            if (i.name().equals(name)) {
                out.add(new HostInterface(name, kind, i.addresses(), i.networks()));
                found = true;
            } else {
                out.add(i);
            }
        }
        if (!found) {
            out.add(HostInterface.of(name, kind));
        }
        return new HostInterfaces(out, routes, true);
    }

    /** Whether the interfaces are known (read or given) rather than guessed from rule names. */
    public boolean known() {
        return known;
    }

    /** The interfaces, in the order read or given (empty for {@link #conventional()}). */
    public List<HostInterface> interfaces() {
        return interfaces;
    }

    /** The routes read or given. */
    public List<Route> routes() {
        return routes;
    }

    /** The interface of the given name. */
    public Optional<HostInterface> get(String name) {
        for (HostInterface i : interfaces) {
            if (i.name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The class of the named interface: its known class, else by convention. */
    public InterfaceClass classOf(String name) {
        return get(name).map(HostInterface::kind).orElseGet(() -> InterfaceClass.byConvention(name));
    }

    /**
     * Whether {@code address} is one of the host's own (or loopback): empty when the map does not
     * know the host's addresses.
     */
    public Optional<Boolean> isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return Optional.of(true);
        }
        if (interfaces.stream().allMatch(i -> i.addresses().isEmpty())) {
            return Optional.empty();
        }
        for (HostInterface i : interfaces) {
            if (i.addresses().contains(address)) {
                return Optional.of(true);
            }
        }
        return Optional.of(false);
    }

    /**
     * The interface a packet to {@code address} leaves by: the longest matching route, else the
     * interface whose connected network holds it; empty when unknown.
     */
    public Optional<String> outgoing(InetAddress address) {
        String best = null;
        int bestLen = -1;
        for (Route r : routes) {
            if (r.destination().isIpv4() == (address.getAddress().length == 4) && r.destination().contains(address)
                    && r.destination().prefixLength() > bestLen) {
                best = r.device();
                bestLen = r.destination().prefixLength();
            }
        }
        for (HostInterface i : interfaces) {
            for (IpNetwork n : i.networks()) {
                if (n.isIpv4() == (address.getAddress().length == 4) && n.contains(address) && n.prefixLength() > bestLen) {
                    best = i.name();
                    bestLen = n.prefixLength();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return known ? "HostInterfaces" + interfaces : "HostInterfaces[by convention]";
    }
}
