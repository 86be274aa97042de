package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Hook;
import java.util.List;
import java.util.Map;

/** The fixed tables of iptables: their built-in chains, chain types and priorities. Not API. */
final class IptablesTables {

    private static final Map<String, List<String>> BUILTIN = Map.of(
            "filter", List.of("INPUT", "FORWARD", "OUTPUT"),
            "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "raw", List.of("PREROUTING", "OUTPUT"),
            "security", List.of("INPUT", "FORWARD", "OUTPUT"));

    private IptablesTables() {
    }

    static boolean isKnownTable(String table) {
        return BUILTIN.containsKey(table);
    }

    static boolean isBuiltin(String table, String chain) {
        return BUILTIN.getOrDefault(table, List.of()).contains(chain);
    }

    static String type(String table, Hook hook) {
        if (table.equals("nat")) {
            return "nat";
        }
        return table.equals("mangle") && hook == Hook.OUTPUT ? "route" : "filter";
    }

    /** The netfilter priority of the table's base chain on {@code hook} (see {@code nft(8)}, PRIORITY). */
    static int priority(String table, Hook hook) {
        return switch (table) {
            case "raw" -> -300;
            case "mangle" -> -150;
            case "nat" -> hook == Hook.INPUT || hook == Hook.POSTROUTING ? 100 : -100;
            case "security" -> 50;
            default -> 0;
        };
    }
}
