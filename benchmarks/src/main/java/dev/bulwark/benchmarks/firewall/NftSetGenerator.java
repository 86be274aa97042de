package dev.bulwark.benchmarks.firewall;

import java.util.Random;

/**
 * A native nftables ruleset with one large interval set of blocked networks and many rules, in
 * both forms nft prints it: {@code nft list ruleset} text and {@code nft -j list ruleset} JSON.
 * The set holds {@code elements} disjoint /30 networks; the input chain accepts established
 * connections, drops the set, then has {@code rules} rules allowing a port to a /24 or to anyone.
 */
public final class NftSetGenerator {

    private NftSetGenerator() {
    }

    private static String element(int i) {
        long a = (11L << 24) + 4L * i;
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }

    /** The ruleset as {@code nft list ruleset} prints it. */
    public static String text(int elements, int rules, long seed) {
        StringBuilder b = new StringBuilder(elements * 20 + rules * 80);
        b.append("table inet filter {\n\tset blocked {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { ");
        for (int i = 0; i < elements; i++) {
            b.append(i == 0 ? "" : ",\n\t\t\t     ").append(element(i)).append("/30");
        }
        b.append(" }\n\t}\n\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n");
        b.append("\t\tct state established,related accept\n\t\tiifname \"lo\" accept\n\t\tip saddr @blocked drop\n");
        Random random = new Random(seed);
        for (int i = 0; i < rules; i++) {
            int port = 1024 + random.nextInt(60000);
            if (random.nextInt(4) == 0) {
                b.append("\t\ttcp dport ").append(port).append(" accept\n");
            } else {
                b.append("\t\tip saddr 192.168.").append(random.nextInt(256)).append(".0/24 tcp dport ").append(port)
                        .append(" accept\n");
            }
        }
        return b.append("\t}\n}\n").toString();
    }

    /** The same ruleset as {@code nft -j list ruleset} prints it. */
    public static String json(int elements, int rules, long seed) {
        StringBuilder b = new StringBuilder(elements * 50 + rules * 300);
        b.append("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"release_name\": \"Lester Gooch #5\", "
                + "\"json_schema_version\": 1}}, {\"table\": {\"family\": \"inet\", \"name\": \"filter\", \"handle\": 1}}, "
                + "{\"set\": {\"family\": \"inet\", \"name\": \"blocked\", \"table\": \"filter\", \"type\": \"ipv4_addr\", "
                + "\"handle\": 2, \"flags\": [\"interval\"], \"elem\": [");
        for (int i = 0; i < elements; i++) {
            b.append(i == 0 ? "" : ", ").append("{\"prefix\": {\"addr\": \"").append(element(i)).append("\", \"len\": 30}}");
        }
        b.append("]}}, {\"chain\": {\"family\": \"inet\", \"table\": \"filter\", \"name\": \"input\", \"handle\": 3, "
                + "\"type\": \"filter\", \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}}");
        int handle = 4;
        rule(b, handle++, "{\"match\": {\"op\": \"in\", \"left\": {\"ct\": {\"key\": \"state\"}}, \"right\": "
                + "[\"established\", \"related\"]}}, {\"accept\": null}");
        rule(b, handle++, "{\"match\": {\"op\": \"==\", \"left\": {\"meta\": {\"key\": \"iifname\"}}, \"right\": \"lo\"}}, "
                + "{\"accept\": null}");
        rule(b, handle++, "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"ip\", \"field\": \"saddr\"}}, "
                + "\"right\": \"@blocked\"}}, {\"drop\": null}");
        Random random = new Random(seed);
        for (int i = 0; i < rules; i++) {
            int port = 1024 + random.nextInt(60000);
            String dport = "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, "
                    + "\"right\": " + port + "}}, {\"accept\": null}";
            if (random.nextInt(4) == 0) {
                rule(b, handle++, dport);
            } else {
                rule(b, handle++, "{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"ip\", \"field\": "
                        + "\"saddr\"}}, \"right\": {\"prefix\": {\"addr\": \"192.168." + random.nextInt(256)
                        + ".0\", \"len\": 24}}}}, " + dport);
            }
        }
        return b.append("]}\n").toString();
    }

    private static void rule(StringBuilder b, int handle, String expr) {
        b.append(", {\"rule\": {\"family\": \"inet\", \"table\": \"filter\", \"chain\": \"input\", \"handle\": ")
                .append(handle).append(", \"expr\": [").append(expr).append("]}}");
    }
}
