package dev.bulwark.firewall.parse.internal;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the items the text reader builds with the items real {@code nft -j list ruleset}
 * printed for the same kernel, as one JSON line per item. Normalised, on both sides, only where
 * nft's JSON legitimately differs from what its text says:
 * <ul>
 * <li>{@code metainfo} items and every {@code handle} are dropped (the text has no handles
 *     unless {@code -a}, and they are kernel bookkeeping);</li>
 * <li>{@code expires} of set elements is dropped: it counts down between the two captures (and
 *     {@code nft -s} prints it in JSON only); an element left with nothing but its value is
 *     that value;</li>
 * <li>a chain's {@code dev} is dropped when nft's JSON has none: nft 1.0.6 does not print the
 *     devices of ingress/egress chains in JSON, while its text and libnftables-json(5) do;</li>
 * <li>the set flag {@code dynamic} is dropped when nft's JSON lacks it: nft 1.0.6 prints it in
 *     text only;</li>
 * <li>the packets and bytes of a named counter are dropped when its text has none: {@code nft -s}
 *     leaves them out of the text, not out of the JSON;</li>
 * <li>a conntrack address key {@code ip saddr} / {@code ip6 saddr} is {@code saddr}: nft prints
 *     {@code ct original saddr} as {@code ct original ip saddr} in text, while its JSON keeps
 *     which of the two was written;</li>
 * <li>numbers matched against an ARP operation or an ether type ({@code arp operation},
 *     {@code arp ptype}, {@code ether type}, {@code vlan type}, {@code meta protocol}) are taken
 *     in either byte order: {@code nft -j -n} (1.0.6) prints them byte-swapped ({@code 256} for
 *     the {@code arp operation 1} its text says);</li>
 * <li>the code of a bare {@code reject} (port-unreachable, which the text leaves unsaid) is
 *     dropped: {@code nft -j -n} prints it as a number.</li>
 * </ul>
 */
final class NftTextItems {

    private NftTextItems() {
    }

    /** The real items of {@code json}, normalised against {@code mine}. */
    static List<String> real(String json, List<Object> mine) {
        return normalised(items(json), mine);
    }

    /** The items the reader built, normalised against the real items of {@code json}. */
    static List<String> mine(List<Object> mine, String json) {
        return normalised(mine, items(json));
    }

    private static List<Object> items(String json) {
        List<Object> out = new ArrayList<>();
        for (Object item : (List<?>) ((Map<?, ?>) Json.parse(json, "json")).get("nftables")) {
            if (!((Map<?, ?>) item).containsKey("metainfo")) {
                out.add(item);
            }
        }
        return out;
    }

    private static List<String> normalised(List<Object> items, List<Object> twins) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(JsonWriter.write(normalise(items.get(i), i < twins.size() ? twins.get(i) : null)));
        }
        return out;
    }

    /** A normalised copy of {@code v}; {@code twin} is the other side's item at the same place. */
    private static Object normalise(Object v, Object twin) {
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) {
                out.add(normalise(e, null));
            }
            return out;
        }
        if (!(v instanceof Map)) {
            return v;
        }
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            String k = (String) e.getKey();
            if (k.equals("handle") || k.equals("expires")) {
                continue;
            }
            out.put(k, normalise(e.getValue(), null));
        }
        if (out.size() <= 2 && out.containsKey("dir") && out.get("key") instanceof String) {
            out.put("key", ((String) out.get("key")).replaceFirst("^ip6? ", ""));
        }
        if (out.size() == 1 && out.get("elem") instanceof Map && ((Map<?, ?>) out.get("elem")).size() == 1
                && ((Map<?, ?>) out.get("elem")).containsKey("val")) {
            return ((Map<?, ?>) out.get("elem")).get("val");
        }
        if (out.get("match") instanceof Map && swapped(((Map<?, ?>) out.get("match")).get("left"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) out.get("match");
            m.put("right", byteOrder(m.get("right")));
        }
        Map<?, ?> real = twin instanceof Map ? (Map<?, ?>) twin : null;
        if (out.get("chain") instanceof Map && real != null && real.get("chain") instanceof Map
                && !((Map<?, ?>) real.get("chain")).containsKey("dev")) {
            ((Map<?, ?>) out.get("chain")).remove("dev");
        }
        for (String kind : List.of("set", "map")) {
            if (out.get(kind) instanceof Map && ((Map<?, ?>) out.get(kind)).get("flags") instanceof List && real != null
                    && real.get(kind) instanceof Map) {
                Map<?, ?> realSet = (Map<?, ?>) real.get(kind);
                @SuppressWarnings("unchecked")
                Map<String, Object> set = (Map<String, Object>) out.get(kind);
                List<Object> flags = new ArrayList<>((List<?>) set.get("flags"));
                if (!(realSet.get("flags") instanceof List && ((List<?>) realSet.get("flags")).contains("dynamic"))) {
                    flags.remove("dynamic");
                }
                if (flags.isEmpty()) {
                    set.remove("flags");
                } else {
                    set.put("flags", flags);
                }
            }
        }
        if (out.get("counter") instanceof Map && ((Map<?, ?>) out.get("counter")).containsKey("table") && real != null
                && real.get("counter") instanceof Map && !((Map<?, ?>) real.get("counter")).containsKey("packets")) {
            ((Map<?, ?>) out.get("counter")).remove("packets");
            ((Map<?, ?>) out.get("counter")).remove("bytes");
        }
        if (out.get("reject") instanceof Map) {
            Map<?, ?> r = (Map<?, ?>) out.get("reject");
            Object code = r.get("expr");
            Object type = r.get("type");
            if ("port-unreachable".equals(code) || "icmpx".equals(type) && String.valueOf(code).equals("1")
                    || "icmp".equals(type) && String.valueOf(code).equals("3")
                    || "icmpv6".equals(type) && String.valueOf(code).equals("4")) {
                r.remove("expr");
            }
        }
        return out;
    }

    private static boolean swapped(Object left) {
        String key = JsonWriter.write(left);
        return List.of("{\"payload\":{\"field\":\"operation\",\"protocol\":\"arp\"}}",
                "{\"payload\":{\"field\":\"ptype\",\"protocol\":\"arp\"}}",
                "{\"payload\":{\"field\":\"type\",\"protocol\":\"ether\"}}",
                "{\"payload\":{\"field\":\"type\",\"protocol\":\"vlan\"}}",
                "{\"meta\":{\"key\":\"protocol\"}}").contains(key);
    }

    private static Object byteOrder(Object v) {
        if (v instanceof java.math.BigDecimal) {
            int n = ((java.math.BigDecimal) v).intValue();
            int swapped = (n & 0xff) << 8 | (n >> 8) & 0xff;
            return java.math.BigDecimal.valueOf(Math.min(n, swapped));
        }
        if (v instanceof Map && ((Map<?, ?>) v).get("set") instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object e : (List<?>) ((Map<?, ?>) v).get("set")) {
                out.add(byteOrder(e));
            }
            return Map.of("set", out);
        }
        return v;
    }
}
