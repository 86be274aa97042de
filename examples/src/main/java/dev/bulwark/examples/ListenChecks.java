package dev.bulwark.examples;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.AddressScope;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.Netid;
import dev.bulwark.core.sockets.SocketEntry;
import dev.bulwark.ssh.config.Directive;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdKeyword;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether sshd, with the kit's hardened sshd_config on the audited target, listens where the admin
 * connects from: its {@code ListenAddress} lines (kept from the target's sshd_config; else what
 * {@code sshd -T} or {@code ss -plunt} shows sshd listening on, when that is narrower), their
 * ports, and {@code AddressFamily}, against every admin source of the {@link ManagementPath}. A
 * listen address is reachable when it is a wildcard, a public address, in the admin's network, in
 * the VPN network for a VPN source, or an address of the spec's internet-facing interface (known
 * from {@code ip -o address}); when that cannot be told it is assumed reachable, and a note says so.
 */
final class ListenChecks {

    private ListenChecks() {
    }

    /** Where sshd listens: an address (empty for a host name) and port, and where that comes from. */
    private record Listen(String text, Optional<InetAddress> address, int port, boolean explicitPort, String origin) {
    }

    /** A verdict on one listen address for one admin source. */
    private record Verdict(Kind kind, String reason) {
    }

    private enum Kind { REACHES, UNSURE, MISSES }

    /**
     * Checks the hardened configuration against the management path.
     *
     * @param notes receives one "assumed reachable because ..." sentence per admin source that could not be decided
     * @throws ValidationException when some admin source reaches none of sshd's listen addresses
     */
    static void check(BaselineSpec spec, SshdConfig hardened, TargetAudit.Facts facts, List<String> notes) {
        ManagementPath path = spec.management();
        String family = hardened.effective().value(SshdKeyword.ADDRESS_FAMILY).orElse("any").toLowerCase(Locale.ROOT);
        String familyOrigin = hardened.effective().source(SshdKeyword.ADDRESS_FAMILY)
                .map(d -> "AddressFamily " + d.value() + " (" + d.position() + ")").orElse("AddressFamily " + family);
        List<Listen> listens = listens(hardened, facts, path.sshPort(), family);
        boolean anywhere = path.fromAnywhere();
        List<IpNetwork> sources = anywhere ? List.of(IpNetwork.ANY_IPV4, IpNetwork.ANY_IPV6) : path.adminSources();
        List<String> refusals = new ArrayList<>();
        List<String> unsure = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        boolean anyReached = false;
        for (IpNetwork source : sources) {
            List<String> reasons = new ArrayList<>();
            List<String> doubts = new ArrayList<>();
            boolean reached = false;
            if (family.equals("inet") && !source.isIpv4() || family.equals("inet6") && source.isIpv4()) {
                reasons.add(familyOrigin + " turns " + (source.isIpv4() ? "IPv4" : "IPv6") + " off");
                fixes.add("set 'AddressFamily any' in the server's sshd_config");
            } else {
                for (Listen listen : listens) {
                    Verdict v = verdict(spec, facts, listen, source);
                    reached |= v.kind() == Kind.REACHES;
                    if (v.kind() == Kind.UNSURE) {
                        doubts.add(listen.origin() + " is assumed reachable because " + v.reason());
                    } else if (v.kind() == Kind.MISSES) {
                        reasons.add(listen.origin() + " " + v.reason());
                        fixes.add(fix(spec, facts, listen));
                    }
                }
            }
            anyReached |= reached;
            String from = anywhere ? "from anywhere (" + (source.isIpv4() ? "IPv4" : "IPv6") + ")" : "from " + source;
            if (!reached && doubts.isEmpty()) {
                refusals.add(from + ": " + String.join("; ", reasons));
            } else if (!reached) {
                unsure.add(from + ": " + String.join("; ", doubts));
            }
        }
        if (anywhere && anyReached) {
            return; // the admin uses the family sshd listens on
        }
        if (anywhere ? unsure.isEmpty() : !refusals.isEmpty()) {
            throw new ValidationException("sshd on " + spec.hostname() + " would not listen where the admin connects "
                    + String.join("; ", refusals) + "; " + String.join(", or ", fixes)
                    + " (the kit keeps the server's ListenAddress lines), or change the spec's admin-from");
        }
        if (!unsure.isEmpty()) {
            notes.add("sshd on " + facts.label() + " is assumed to listen where the admin connects "
                    + String.join("; ", unsure) + ": check it before applying the kit.");
        }
    }

    /** The IP addresses sshd will listen on at the spec's ssh port (wildcards included), for the firewall check. */
    static List<InetAddress> addresses(BaselineSpec spec, SshdConfig hardened, TargetAudit.Facts facts) {
        String family = hardened.effective().value(SshdKeyword.ADDRESS_FAMILY).orElse("any").toLowerCase(Locale.ROOT);
        return listens(hardened, facts, spec.sshPort(), family).stream()
                .filter(l -> l.port() == spec.sshPort() && l.address().isPresent())
                .map(l -> l.address().get()).distinct().toList();
    }

    /** Where sshd will listen with the hardened configuration. */
    private static List<Listen> listens(SshdConfig hardened, TargetAudit.Facts facts, int sshPort, String family) {
        List<Listen> out = new ArrayList<>();
        for (Directive d : hardened.directives(SshdKeyword.LISTEN_ADDRESS)) {
            if (d.isGlobal() && !d.arguments().isEmpty()) {
                out.add(parse(d.arguments().get(0), sshPort, "ListenAddress " + d.value() + " (" + d.position() + ")"));
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        if (facts.sshd().isPresent() && facts.sshd().get().effective()) {
            SshdConfig shown = facts.sshd().get().config();
            List<String> ports = shown.effective().values(SshdKeyword.PORT);
            for (Directive d : shown.directives(SshdKeyword.LISTEN_ADDRESS)) {
                if (!d.arguments().isEmpty()) {
                    Listen l = parse(d.arguments().get(0), sshPort, "listenaddress " + d.value() + " (sshd -T on "
                            + facts.label() + "; not from sshd_config)");
                    boolean followsPort = l.explicitPort() && ports.contains(Integer.toString(l.port()));
                    out.add(followsPort ? new Listen(l.text(), l.address(), sshPort, false, l.origin()) : l);
                }
            }
            if (out.stream().anyMatch(l -> l.address().map(InetAddress::isAnyLocalAddress).orElse(false))) {
                out.clear();
            }
        }
        if (out.isEmpty() && facts.sockets().isPresent()) {
            for (SocketEntry s : facts.sockets().get().listening()) {
                boolean sshd = s.processes().stream().anyMatch(p -> p.name().equals("sshd"));
                if (sshd && s.netid() == Netid.TCP && s.local().isIp() && s.local().port() == sshPort) {
                    Optional<InetAddress> a = s.local().isWildcardAddress() ? Optional.of(IpAddresses.parse(
                            s.local().address().contains(":") ? "::" : "0.0.0.0")) : s.local().inetAddress();
                    out.add(new Listen(s.local().toString(), a, sshPort, false, "sshd's " + s.local() + " (ss -plunt on "
                            + facts.label() + "; not from sshd_config)"));
                }
            }
            if (out.stream().anyMatch(l -> l.address().map(InetAddress::isAnyLocalAddress).orElse(false))) {
                out.clear();
            }
        }
        if (out.isEmpty()) {
            if (!family.equals("inet6")) {
                out.add(new Listen("0.0.0.0", Optional.of(IpAddresses.parse("0.0.0.0")), sshPort, false, "0.0.0.0"));
            }
            if (!family.equals("inet")) {
                out.add(new Listen("::", Optional.of(IpAddresses.parse("::")), sshPort, false, "::"));
            }
        }
        return out;
    }

    /** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address, as sshd reads ListenAddress. */
    private static Listen parse(String value, int sshPort, String origin) {
        String host = value;
        String port = null;
        if (value.startsWith("[") && value.indexOf(']') > 0) {
            host = value.substring(1, value.indexOf(']'));
            String tail = value.substring(value.indexOf(']') + 1);
            port = tail.startsWith(":") ? tail.substring(1) : null;
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        int scope = host.indexOf('%');
        Optional<InetAddress> address = IpAddresses.tryParse(scope < 0 ? host : host.substring(0, scope));
        int n = sshPort;
        if (port != null && port.matches("[0-9]{1,5}")) {
            n = Integer.parseInt(port);
        } else if (port != null) {
            n = -1;
        }
        return new Listen(host, address, n, port != null, origin);
    }

    private static Verdict verdict(BaselineSpec spec, TargetAudit.Facts facts, Listen listen, IpNetwork source) {
        if (listen.port() != spec.sshPort()) {
            return new Verdict(Kind.MISSES, "is port " + (listen.port() < 0 ? "'?'" : listen.port()) + ", not the ssh port "
                    + spec.sshPort() + " that the kit's firewall opens");
        }
        if (listen.address().isEmpty()) {
            return new Verdict(Kind.UNSURE, "'" + listen.text() + "' is a host name, which sshd resolves when it starts");
        }
        InetAddress a = listen.address().get();
        boolean v4 = a.getAddress().length == 4;
        if (v4 != source.isIpv4()) {
            return new Verdict(Kind.MISSES, "is an " + (v4 ? "IPv4" : "IPv6") + " address");
        }
        if (a.isAnyLocalAddress()) {
            return new Verdict(Kind.REACHES, "");
        }
        if (AddressScope.of(a) == AddressScope.LOOPBACK) {
            boolean local = (v4 ? IpNetwork.LOOPBACK_IPV4 : IpNetwork.LOOPBACK_IPV6).contains(source);
            return local ? new Verdict(Kind.REACHES, "")
                    : new Verdict(Kind.MISSES, "is a loopback address, which only " + spec.hostname() + " itself reaches");
        }
        if (isPrivate(source) && source.contains(a) || spec.vpnNetwork().filter(vpn -> vpn.contains(source) && vpn.contains(a)).isPresent()) {
            return new Verdict(Kind.REACHES, "");
        }
        if (facts.addresses().isEmpty()) {
            return AddressScope.of(a) == AddressScope.PUBLIC ? new Verdict(Kind.REACHES, "")
                    : new Verdict(Kind.UNSURE, spec.hostname() + "'s interface addresses were not read (`ip -o address`,"
                    + " ip-address.txt in --from-files), so whether the admin reaches it is unknown");
        }
        Optional<InterfaceAddresses.Entry> entry = facts.addresses().get().find(a);
        if (entry.isEmpty()) {
            return new Verdict(Kind.MISSES, "is not an address of " + spec.hostname()
                    + " (`ip -o address`), so sshd cannot listen there");
        }
        String iface = entry.get().iface();
        if (iface.equals(spec.publicInterface()) || isPrivate(source) && entry.get().onLink().overlaps(source)
                || AddressScope.of(a) == AddressScope.PUBLIC) {
            return new Verdict(Kind.REACHES, "");
        }
        if (!isPrivate(source)) {
            return new Verdict(Kind.MISSES, "is a private address of " + iface + ", which the admin does not reach from "
                    + source + ": the admin arrives on " + spec.publicInterface() + " (the spec's 'interface')");
        }
        return new Verdict(Kind.UNSURE, "it is an address of " + iface + " and " + source
                + " a private network that may be routed there");
    }

    /** Whether every address of the network is in one private range (RFC 1918, RFC 6598, RFC 4193, link-local). */
    private static boolean isPrivate(IpNetwork n) {
        return n.prefixLength() >= (n.isIpv4() ? 8 : 7) && AddressScope.of(n.firstAddress()) == AddressScope.PRIVATE
                && AddressScope.of(n.lastAddress()) == AddressScope.PRIVATE;
    }

    private static String fix(BaselineSpec spec, TargetAudit.Facts facts, Listen listen) {
        int sshPort = spec.sshPort();
        if (listen.port() != sshPort && listen.origin().startsWith("ListenAddress")) {
            return "write 'ListenAddress " + listen.text() + "' without a port (sshd then listens on Port " + sshPort + ")";
        }
        String where = listen.origin().startsWith("ListenAddress") ? "in the server's sshd_config"
                : "where sshd gets it (its command line, or a file the kit did not read)";
        List<String> own = facts.addresses().map(a -> a.of(spec.publicInterface())).orElse(List.of());
        String example = own.isEmpty() ? "" : " (an address of " + spec.publicInterface() + ": " + own.get(0) + ")";
        return "add a ListenAddress the admin reaches" + example + " or remove the ListenAddress lines " + where;
    }
}
