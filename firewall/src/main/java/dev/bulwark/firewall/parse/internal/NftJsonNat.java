package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Family;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.NatAddress;
import dev.bulwark.firewall.parse.Target;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The NAT statements {@code dnat}, {@code snat}, {@code masquerade} and {@code redirect} as
 * {@link Target.Nat}, with the {@code to} text in the form {@link NatAddress#tryParse} reads
 * ({@code 172.17.0.2:80}, {@code [fd00::2]:80}, {@code 10.0.0.1-10.0.0.9}, {@code :8080}); a
 * mapping ({@code dnat to tcp dport map { 80 : 10.0.0.2 }}) becomes a {@link Target.VerdictMap}
 * of NAT targets. In an {@code inet} table, {@code dnat ip to …} only acts on IPv4 packets. Not API.
 */
final class NftJsonNat {

    private NftJsonNat() {
    }

    static Target target(String kind, Object v, NftJsonLookups lookups, Family family, String json, Consumer<List<Match>> implied) {
        String name = kind.toUpperCase(Locale.ROOT);
        if (!(v instanceof Map)) {
            return new Target.Nat(name, Optional.empty());
        }
        Map<String, Object> m = NftJsonValues.map(v, kind);
        if (m.get("family") instanceof String && (family == Family.INET || family == Family.BRIDGE || family == Family.NETDEV)) {
            String f = (String) m.get("family");
            if (f.equals("ip") || f.equals("ip6")) {
                implied.accept(List.of(new Match.Meta("nfproto", false, List.of(f.equals("ip") ? "ipv4" : "ipv6"))));
            }
        }
        Object addr = m.get("addr");
        Object port = m.get("port");
        if (NftJsonValues.kind(port).equals("map")) {
            return new Target.Other(kind, List.of(json));
        }
        if (NftJsonValues.kind(addr).equals("map")) {
            Map<String, Object> map = NftJsonValues.map(NftJsonValues.body(addr), "map");
            NftJsonLookups.Lowered l = lookups.map(map.get("key"), map.get("data"),
                    value -> new Target.Nat(name, Optional.of(to(value, port))), kind);
            if (l == null) {
                return new Target.Other(kind, List.of(json));
            }
            implied.accept(l.dependencies);
            return l.target;
        }
        if (addr == null && port == null) {
            return new Target.Nat(name, Optional.empty());
        }
        return new Target.Nat(name, Optional.of(to(addr, port)));
    }

    /** {@code addr:port} as NatAddress reads it; a concatenated map value is an address and a port. */
    private static String to(Object addr, Object port) {
        if (NftJsonValues.kind(addr).equals("concat")) {
            List<?> parts = NftJsonValues.list(NftJsonValues.body(addr), "concat");
            if (parts.size() == 2 && port == null) {
                return to(parts.get(0), parts.get(1));
            }
        }
        String a = addr == null ? "" : NftJsonText.expr(addr);
        String p = port == null ? "" : NftJsonText.expr(NftServices.port(port, null));
        if (p.isEmpty()) {
            return a;
        }
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + p;
    }
}
