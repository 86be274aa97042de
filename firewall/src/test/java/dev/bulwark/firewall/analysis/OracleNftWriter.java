package dev.bulwark.firewall.analysis;

import dev.bulwark.firewall.analysis.OracleRules.Chain;
import dev.bulwark.firewall.analysis.OracleRules.Iface;
import dev.bulwark.firewall.analysis.OracleRules.Rule;
import dev.bulwark.firewall.analysis.OracleRules.Scenario;
import dev.bulwark.firewall.analysis.OracleRules.Src;
import dev.bulwark.firewall.analysis.OracleRules.Svc;
import dev.bulwark.firewall.analysis.OracleRules.Table;
import dev.bulwark.firewall.analysis.OracleRules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a scenario as one {@code nft -f} script that starts with {@code flush ruleset}. The
 * spellings vary with the seed: {@code inet} or per-family NAT tables, the extra input drops as a
 * second base chain in the filter table or in a table of their own, {@code ct state vmap},
 * named and anonymous sets, {@code iif}/{@code iifname}, DNAT through a map.
 */
final class OracleNftWriter {

    private final Random r;
    private final List<String> sets = new ArrayList<>();
    private int setCount;

    private OracleNftWriter(long seed) {
        this.r = new Random(new java.util.SplittableRandom(seed).split().nextLong());
    }

    /** The script for a scenario; {@code seed} picks among equivalent spellings. */
    static String write(Scenario s, long seed) {
        return new OracleNftWriter(seed).script(s);
    }

    private boolean p(double probability) {
        return r.nextDouble() < probability;
    }

    private String script(Scenario s) {
        StringBuilder out = new StringBuilder("flush ruleset\n");
        Table filter = s.table("filter");
        Table mangle = s.table("mangle");
        Table raw = s.table("raw");
        Table nat = s.table("nat");
        boolean extraInFilter = p(0.5);
        List<Chain> filterChains = new ArrayList<>(filter.chains());
        if (mangle != null && extraInFilter) {
            Chain m = mangle.chains().get(0);
            filterChains.add(new Chain("input_early", "input", "ACCEPT", p(0.5) ? -10 : 10, m.rules()));
        }
        out.append(table("inet", "filter", filterChains, null));
        if (mangle != null && !extraInFilter) {
            out.append(table("inet", "guard", mangle.chains(), null));
        }
        if (raw != null) {
            out.append(table("inet", "raw", raw.chains(), null));
        }
        if (nat != null) {
            if (p(0.5)) {
                out.append(table("inet", "nat", nat.chains(), null));
            } else {
                out.append(table("ip", "nat", nat.chains(), false));
                out.append(table("ip6", "nat", nat.chains(), true));
            }
        }
        return out.toString();
    }

    /** A table; {@code family} non-null for ip/ip6 tables (only that family's rules). */
    private String table(String kind, String name, List<Chain> chains, Boolean family) {
        sets.clear();
        StringBuilder body = new StringBuilder();
        for (Chain c : chains) {
            body.append("  chain ").append(chainName(c.name())).append(" {\n");
            if (c.isBase()) {
                String type = c.hook().equals("prerouting") && c.priority() == -100
                        || c.hook().equals("postrouting") ? "nat" : "filter";
                body.append("    type ").append(type).append(" hook ").append(c.hook()).append(" priority ")
                        .append(priority(c)).append("; policy ").append(c.policy().toLowerCase(Locale.ROOT)).append(";\n");
            }
            for (Rule rule : c.rules()) {
                for (String line : rule(rule, kind, family)) {
                    body.append("    ").append(line).append('\n');
                }
            }
            body.append("  }\n");
        }
        StringBuilder t = new StringBuilder("table ").append(kind).append(' ').append(name).append(" {\n");
        sets.forEach(t::append);
        return t.append(body).append("}\n").toString();
    }

    private static String priority(Chain c) {
        return switch (c.priority()) {
            case -300 -> "raw";
            case -150 -> "mangle";
            case -100 -> "dstnat";
            case 100 -> "srcnat";
            case 0 -> "filter";
            default -> "filter " + (c.priority() < 0 ? "- " + -c.priority() : "+ " + c.priority());
        };
    }

    private static String chainName(String name) {
        return switch (name) {
            case "INPUT" -> "input";
            case "FORWARD" -> "forward";
            case "PREROUTING" -> "prerouting";
            case "POSTROUTING" -> "postrouting";
            default -> name.toLowerCase(Locale.ROOT).replace('-', '_');
        };
    }

    /** The nft lines of a rule: one, or one per family when it names addresses of both. */
    private List<String> rule(Rule rule, String kind, Boolean family) {
        List<String> lines = new ArrayList<>();
        if (family != null) {
            if (rule.appliesTo(family)) {
                lines.add(line(rule, family, kind));
            }
        } else if (!rule.familySpecific()) {
            lines.add(line(rule, null, kind));
        } else {
            for (boolean v6 : new boolean[] {false, true}) {
                if (rule.appliesTo(v6)) {
                    lines.add(line(rule, v6, kind));
                }
            }
        }
        return lines;
    }

    private String line(Rule rule, Boolean v6, String kind) {
        StringBuilder b = new StringBuilder();
        String ip = Boolean.TRUE.equals(v6) ? "ip6" : "ip";
        if (rule.iface() != null) {
            b.append(iface(rule.iface(), "iif"));
        }
        if (rule.out() != null) {
            b.append(iface(rule.out(), "oif"));
        }
        if (rule.src() != null) {
            Src s = rule.src();
            List<String> values = s.of(v6);
            String value = values.size() > 1 || p(0.1) ? set(values, v6) : values.get(0);
            b.append(ip).append(" saddr ").append(s.negated() ? "!= " : "").append(value).append(' ');
        }
        if (rule.dst() != null) {
            b.append(ip).append(" daddr ").append(rule.dst().of(v6)).append(' ');
        }
        if (rule.concat() != null) {
            List<String> pairs = new ArrayList<>();
            for (Object[] e : rule.concat()) {
                Src s = (Src) e[0];
                if (!s.of(v6).isEmpty()) {
                    pairs.add(s.of(v6).get(0) + " . " + e[1]);
                }
            }
            b.append(ip).append(" saddr . tcp dport { ").append(String.join(", ", pairs)).append(" } ");
        }
        Svc svc = rule.svc();
        if (svc != null && rule.concat() == null) {
            String proto = svc.proto();
            List<String> ports = svc.ports().stream().map(x -> x.replace(':', '-')).toList();
            String field = proto.equals("both") ? "th dport " : proto + " dport ";
            if (proto.equals("both")) {
                b.append("meta l4proto { tcp, udp } ");
            }
            if (rule.vmap() != null) {
                List<String> entries = new ArrayList<>();
                for (Object[] e : rule.vmap()) {
                    entries.add(e[0] + " : " + verdict((Verdict) e[1], proto));
                }
                return b.append(field).append("vmap { ").append(String.join(", ", entries)).append(" }").toString();
            }
            if (ports.isEmpty()) {
                b.append("meta l4proto ").append(proto).append(' ');
            } else if (ports.size() == 1 && !p(0.1)) {
                b.append(field).append(svc.negated() ? "!= " : "").append(ports.get(0)).append(' ');
            } else if (p(0.3)) {
                b.append(field).append(svc.negated() ? "!= " : "").append("@").append(portSet(ports)).append(' ');
            } else {
                b.append(field).append(svc.negated() ? "!= " : "").append("{ ").append(String.join(", ", ports)).append(" } ");
            }
        }
        if (rule.extra() != null) {
            b.append(switch (rule.extra()) {
                case "limit" -> "limit rate " + (1 + r.nextInt(20)) + "/" + (p(0.5) ? "second" : "minute") + " burst "
                        + (5 + r.nextInt(20)) + " packets ";
                case "new" -> "ct state new ";
                case "comment" -> "";
                case "local" -> "fib daddr type local ";
                case "established" -> p(0.4) ? "ct state vmap { established : accept, related : accept } "
                        : "ct state established,related ";
                case "invalid" -> "ct state invalid ";
                case "untracked" -> "ct state untracked ";
                case "dnat-state" -> "ct status dnat ";
                default -> throw new IllegalStateException(rule.extra());
            });
            if (b.toString().contains("vmap")) {
                return b.toString().trim();
            }
        }
        if (p(0.15)) {
            b.append("counter ");
        }
        b.append(target(rule, v6, svc == null ? null : svc.proto(), kind));
        if ("comment".equals(rule.extra())) {
            b.append(" comment \"oracle rule\"");
        }
        return b.toString();
    }

    private String iface(Iface i, String key) {
        String name = i.wildcard() ? i.name().substring(0, i.name().length() - 1) + "*" : i.name();
        boolean index = !i.wildcard() && !i.name().equals("docker0") && p(0.2);
        return (index ? key : key + "name") + (i.negated() ? " != " : " ") + "\"" + name + "\" ";
    }

    private String set(List<String> values, Boolean v6) {
        if (p(0.5)) {
            return "{ " + String.join(", ", values) + " }";
        }
        String name = "src" + ++setCount;
        sets.add("  set " + name + " {\n    type " + (Boolean.TRUE.equals(v6) ? "ipv6_addr" : "ipv4_addr")
                + "\n    flags interval\n    elements = { " + String.join(", ", values) + " }\n  }\n");
        return "@" + name;
    }

    private String portSet(List<String> ports) {
        String name = "ports" + ++setCount;
        boolean interval = ports.stream().anyMatch(x -> x.contains("-"));
        sets.add("  set " + name + " {\n    type inet_service\n" + (interval ? "    flags interval\n" : "")
                + "    elements = { " + String.join(", ", ports) + " }\n  }\n");
        return name;
    }

    private String target(Rule rule, Boolean v6, String proto, String kind) {
        if (rule.nat() != null) {
            if (rule.nat().kind().equals("REDIRECT")) {
                return "redirect to :" + rule.nat().port();
            }
            String to = rule.nat().to(v6);
            String family = kind.equals("inet") ? (v6 ? "ip6 " : "ip ") : "";
            if (!to.contains(":") && p(0.3)) {
                return "dnat " + family + "to " + rule.svc().proto() + " dport map { " + rule.svc().ports().get(0) + " : " + to + " . "
                        + rule.nat().port() + " }";
            }
            return "dnat " + family + "to " + (v6 ? "[" + to + "]" : to) + ":" + rule.nat().port();
        }
        return verdict(rule.verdict(), proto);
    }

    private String verdict(Verdict v, String proto) {
        return switch (v.kind()) {
            case "ACCEPT" -> "accept";
            case "DROP" -> "drop";
            case "RETURN" -> "return";
            case "MASQUERADE" -> "masquerade";
            case "REJECT" -> p(0.5) ? "reject" : "reject with icmpx type port-unreachable";
            case "RESET" -> "tcp".equals(proto) ? "reject with tcp reset" : "reject";
            case "LOG" -> "log prefix \"oracle \"";
            case "NOTRACK" -> "notrack";
            case "JUMP" -> "jump " + chainName(v.chain());
            case "GOTO" -> "goto " + chainName(v.chain());
            default -> throw new IllegalStateException(v.kind());
        };
    }
}
