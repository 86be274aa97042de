package dev.bulwark.benchmarks.scaling;

import dev.bulwark.benchmarks.firewall.NftSetGenerator;
import dev.bulwark.firewall.analysis.HostInterfaces;
import dev.bulwark.firewall.parse.FirewalldZones;
import dev.bulwark.firewall.parse.NftJson;
import dev.bulwark.firewall.parse.NftText;
import dev.bulwark.firewall.parse.UfwStatus;
import dev.bulwark.firewall.parse.UfwUserRules;
import java.util.Map;

/** The firewall module's parsers: nft text and JSON, ufw status and user rules, firewalld zones, {@code ip -j}. */
final class FirewallCases {

    private FirewallCases() {
    }

    static void add(Map<String, ScalingInputs.Case> cases) {
        cases.put("nft-text:valid", new ScalingInputs.Case(n -> NftSetGenerator.text(n, n, 1), NftText::parse));
        cases.put("nft-text:invalid-rules", new ScalingInputs.Case(
                n -> "table inet f {\n\tchain input {\n" + "\t\tfrobnicate 22 accept\n".repeat(n) + "\t}\n}\n",
                t -> NftText.parseLenient(t, "nft")));
        cases.put("nft-text:open-braces", new ScalingInputs.Case(n -> "table inet f {\n" + "{ ".repeat(n), NftText::parse));
        cases.put("nft-text:long-token", new ScalingInputs.Case(n -> "table inet " + "t".repeat(10 * n) + " {\n}\n",
                NftText::parse));
        cases.put("nft-json:valid", new ScalingInputs.Case(n -> NftSetGenerator.json(n, n, 1), NftJson::parse));
        cases.put("nft-json:deep-nesting", new ScalingInputs.Case(
                n -> "{\"nftables\": " + "[".repeat(n) + "]".repeat(n) + "}", NftJson::parse));
        cases.put("nft-json:long-string", new ScalingInputs.Case(
                n -> "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"" + "t".repeat(10 * n)
                        + "\", \"handle\": 1}}]}", NftJson::parse));
        cases.put("nft-json:unknown-statements", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"f\", "
                    + "\"handle\": 1}}, {\"chain\": {\"family\": \"inet\", \"table\": \"f\", \"name\": \"input\", "
                    + "\"handle\": 2, \"type\": \"filter\", \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}}");
            for (int i = 0; i < n; i++) {
                b.append(", {\"rule\": {\"family\": \"inet\", \"table\": \"f\", \"chain\": \"input\", \"handle\": ")
                        .append(i + 3).append(", \"expr\": [{\"frobnicate\": {\"x\": ").append(i).append("}}]}}");
            }
            return b.append("]}").toString();
        }, t -> NftJson.parseLenient(t, "nft -j")));
        cases.put("ufw-status:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("Status: active\nLogging: on (low)\n"
                    + "Default: deny (incoming), allow (outgoing), disabled (routed)\nNew profiles: skip\n\n"
                    + "To                         Action      From\n--                         ------      ----\n");
            for (int i = 0; i < n; i++) {
                b.append(String.format("%-27s%-12s%s%n", (1 + i % 65535) + "/tcp", "ALLOW IN",
                        "10." + (i >>> 8 & 255) + '.' + (i & 255) + ".0/24"));
            }
            return b.toString();
        }, UfwStatus::parse));
        cases.put("ufw-status:long-comment", new ScalingInputs.Case(
                n -> "Status: active\n\nTo                         Action      From\n"
                        + "--                         ------      ----\n"
                        + "22/tcp                     ALLOW IN    Anywhere                   # " + "x".repeat(10 * n) + "\n",
                UfwStatus::parse));
        cases.put("ufw-user-rules:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("*filter\n:ufw-user-input - [0:0]\n### RULES ###\n");
            for (int i = 0; i < n; i++) {
                int port = 1 + i % 65535;
                String net = "10." + (i >>> 8 & 255) + '.' + (i & 255) + ".0/24";
                b.append("### tuple ### allow tcp ").append(port).append(" 0.0.0.0/0 any ").append(net).append(" in\n")
                        .append("-A ufw-user-input -p tcp --dport ").append(port).append(" -s ").append(net)
                        .append(" -j ACCEPT\n");
            }
            return b.append("### END RULES ###\nCOMMIT\n").toString();
        }, t -> UfwUserRules.parseLenient(t, "user.rules", false)));
        cases.put("ufw-user-rules:invalid-tuples", new ScalingInputs.Case(
                n -> "*filter\n### RULES ###\n" + "### tuple ### frobnicate tcp x y z\n".repeat(n) + "### END RULES ###\n",
                t -> UfwUserRules.parseLenient(t, "user.rules", false)));
        cases.put("firewalld:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<zone>\n  <short>Big</short>\n");
            for (int i = 0; i < n; i++) {
                b.append("  <rule family=\"ipv4\">\n    <source address=\"10.").append(i >>> 8 & 255).append('.')
                        .append(i & 255).append(".0/24\"/>\n    <port port=\"").append(1 + i % 65535)
                        .append("\" protocol=\"tcp\"/>\n    <accept/>\n  </rule>\n");
            }
            return b.append("</zone>\n").toString();
        }, t -> FirewalldZones.parse("big", t)));
        cases.put("firewalld:deep-nesting", new ScalingInputs.Case(
                n -> "<zone>" + "<rule>".repeat(n) + "</rule>".repeat(n) + "</zone>", t -> FirewalldZones.parse("deep", t)));
        cases.put("firewalld:long-attribute", new ScalingInputs.Case(
                n -> "<zone><service name=\"" + "s".repeat(10 * n) + "\"/></zone>", t -> FirewalldZones.parse("long", t)));
        cases.put("ip-json:valid", new ScalingInputs.Case(n -> {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : ",").append("{\"ifindex\":").append(i + 1).append(",\"ifname\":\"veth").append(i)
                        .append("\",\"flags\":[\"BROADCAST\",\"UP\"],\"mtu\":1500,\"link_type\":\"ether\",\"addr_info\":")
                        .append("[{\"family\":\"inet\",\"local\":\"10.").append(i >>> 8 & 255).append('.').append(i & 255)
                        .append(".1\",\"prefixlen\":24,\"scope\":\"global\"}]}");
            }
            return b.append(']').toString();
        }, HostInterfaces::parse));
        cases.put("ip-json:deep-nesting", new ScalingInputs.Case(n -> "[" + "[".repeat(n) + "]".repeat(n) + "]",
                HostInterfaces::parse));
    }
}
