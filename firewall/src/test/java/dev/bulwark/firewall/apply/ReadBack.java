package dev.bulwark.firewall.apply;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counts what a loaded ruleset holds, from the tools' own listings, to compare with what was rendered. */
final class ReadBack {

    private static final Pattern APPEND = Pattern.compile("(?m)^-A (\\S+) ");
    private static final Pattern POLICY = Pattern.compile("(?m)^:(INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) (\\S+) ");
    private static final Pattern NFT_RULE = Pattern.compile(
            "\"rule\": \\{\"family\": \"inet\", \"table\": \"bulwark\", \"chain\": \"(\\w+)\"");
    private static final Pattern NFT_SET = Pattern.compile("\"set\": \\{\"family\": \"inet\", \"name\": \"(\\w+)\"");
    private static final Pattern NFT_CHAIN_POLICY = Pattern.compile(
            "\"chain\": \\{\"family\": \"inet\", \"table\": \"bulwark\", \"name\": \"(\\w+)\"[^}]*\"policy\": \"(\\w+)\"");

    private ReadBack() {
    }

    /** Rule lines per chain in iptables-restore / iptables-save text. */
    static Map<String, Integer> iptablesRules(String text) {
        return count(APPEND, text);
    }

    /** The {@code -A} lines of each chain (table:chain), in order. */
    static Map<String, java.util.List<String>> iptablesLines(String text) {
        Map<String, java.util.List<String>> out = new TreeMap<>();
        String table = "";
        for (String line : text.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith("-A ")) {
                String chain = line.substring(3, line.indexOf(' ', 3));
                out.computeIfAbsent(table + ":" + chain, c -> new java.util.ArrayList<>()).add(line);
            }
        }
        return out;
    }

    /** Built-in chain policies in iptables-restore / iptables-save text, e.g. INPUT=DROP (last table wins). */
    static Map<String, String> iptablesPolicies(String filterTable) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = POLICY.matcher(filterTable);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Rules per chain of table inet bulwark in {@code nft -j list ruleset}. */
    static Map<String, Integer> nftJsonRules(String json) {
        return count(NFT_RULE, json);
    }

    /** Sets of table inet bulwark in {@code nft -j list ruleset}. */
    static Map<String, Integer> nftJsonSets(String json) {
        return count(NFT_SET, json);
    }

    /** Base chain policies of table inet bulwark in {@code nft -j list ruleset}. */
    static Map<String, String> nftJsonPolicies(String json) {
        Map<String, String> out = new TreeMap<>();
        Matcher m = NFT_CHAIN_POLICY.matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Rules per chain in a rendered nft file: lines inside each chain block other than its type line. */
    static Map<String, Integer> nftFileRules(String file) {
        Map<String, Integer> out = new TreeMap<>();
        String chain = null;
        for (String line : file.split("\n")) {
            String t = line.strip();
            if (t.startsWith("chain ") && t.endsWith("{")) {
                chain = t.substring(6, t.length() - 1).strip();
                out.put(chain, 0);
            } else if (chain != null && t.equals("}")) {
                chain = null;
            } else if (chain != null && !t.startsWith("type ") && !t.isEmpty()) {
                out.merge(chain, 1, Integer::sum);
            }
        }
        out.values().removeIf(v -> v == 0);
        return out;
    }

    /** Sets declared in a rendered nft file. */
    static Map<String, Integer> nftFileSets(String file) {
        return count(Pattern.compile("(?m)^\\tset (\\w+) \\{"), file);
    }

    private static Map<String, Integer> count(Pattern p, String text) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.merge(m.group(1), 1, Integer::sum);
        }
        return out;
    }
}
