package dev.bulwark.firewall.analysis;

import dev.bulwark.firewall.analysis.OracleRules.Chain;
import dev.bulwark.firewall.analysis.OracleRules.Rule;
import dev.bulwark.firewall.analysis.OracleRules.Scenario;
import dev.bulwark.firewall.analysis.OracleRules.Src;
import dev.bulwark.firewall.analysis.OracleRules.Svc;
import dev.bulwark.firewall.analysis.OracleRules.Table;
import dev.bulwark.firewall.analysis.OracleRules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes a scenario as one {@code iptables-restore} (or {@code ip6tables-restore}) file of complete tables. */
final class OracleIptablesWriter {

    private static final List<String> BUILTIN = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    private final boolean ipv6;
    private final Random r;
    private final StringBuilder out = new StringBuilder();

    private OracleIptablesWriter(boolean ipv6, long seed) {
        this.ipv6 = ipv6;
        this.r = new Random(new java.util.SplittableRandom(seed).split().nextLong());
    }

    /** The restore file of one family; {@code seed} picks among equivalent spellings. */
    static String write(Scenario s, boolean ipv6, long seed) {
        OracleIptablesWriter w = new OracleIptablesWriter(ipv6, seed);
        for (Table t : s.tables()) {
            w.table(t);
        }
        return w.out.toString();
    }

    private void table(Table t) {
        out.append('*').append(t.kind()).append('\n');
        List<String> builtins = switch (t.kind()) {
            case "raw" -> List.of("PREROUTING", "OUTPUT");
            case "nat" -> List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");
            case "filter" -> List.of("INPUT", "FORWARD", "OUTPUT");
            default -> List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");
        };
        for (String b : builtins) {
            String policy = t.chains().stream().filter(c -> c.name().equals(b)).map(Chain::policy).findFirst()
                    .orElse("ACCEPT");
            out.append(':').append(b).append(' ').append(policy).append(" [0:0]\n");
        }
        for (Chain c : t.chains()) {
            if (!BUILTIN.contains(c.name())) {
                out.append(':').append(c.name()).append(" - [0:0]\n");
            }
        }
        for (Chain c : t.chains()) {
            for (Rule rule : c.rules()) {
                if (rule.appliesTo(ipv6)) {
                    rule(c.name(), rule);
                }
            }
        }
        out.append("COMMIT\n");
    }

    private void rule(String chain, Rule rule) {
        if (rule.vmap() != null) {
            for (Object[] e : rule.vmap()) {
                line(chain, rule.iface(), null, null, rule.svc().proto(), List.of(e[0].toString()), false, null,
                        (Verdict) e[1], rule);
            }
            return;
        }
        if (rule.concat() != null) {
            for (Object[] e : rule.concat()) {
                Src s = (Src) e[0];
                if (!s.of(ipv6).isEmpty()) {
                    line(chain, null, s, null, "tcp", List.of(e[1].toString()), false, null, rule.verdict(), rule);
                }
            }
            return;
        }
        Svc svc = rule.svc();
        List<String> protos = svc == null ? java.util.Collections.singletonList(null)
                : svc.proto().equals("both") ? List.of("tcp", "udp") : List.of(svc.proto());
        for (String proto : protos) {
            line(chain, rule.iface(), rule.src(), rule.dst() == null ? null : rule.dst().of(ipv6), proto,
                    svc == null ? List.of() : svc.ports(), svc != null && svc.negated(), rule.extra(), rule.verdict(), rule);
        }
    }

    private void line(String chain, OracleRules.Iface iface, Src src, String dst, String proto, List<String> ports,
                      boolean negatedPorts, String extra, Verdict v, Rule rule) {
        StringBuilder b = new StringBuilder("-A ").append(chain);
        if (src != null && !src.of(ipv6).get(0).contains("-")) {
            b.append(src.negated() ? " ! -s " : " -s ").append(String.join(",", src.of(ipv6)));
        }
        if (dst != null) {
            b.append(" -d ").append(dst);
        }
        if (iface != null) {
            b.append(iface.negated() ? " ! -i " : " -i ").append(iface.name());
        }
        if (rule.out() != null) {
            b.append(rule.out().negated() ? " ! -o " : " -o ").append(rule.out().name());
        }
        if (proto != null) {
            b.append(" -p ").append(proto);
            String neg = negatedPorts ? " !" : "";
            if (ports.size() == 1 && (p(0.5) || negatedPorts)) {
                b.append(" -m ").append(proto).append(neg).append(" --dport ").append(ports.get(0));
            } else if (ports.size() == 1) {
                b.append(neg).append(" --dport ").append(ports.get(0));
            } else if (!ports.isEmpty()) {
                b.append(" -m multiport").append(neg).append(" --dports ").append(String.join(",", ports));
            }
        }
        if (src != null && src.of(ipv6).get(0).contains("-")) {
            b.append(" -m iprange").append(src.negated() ? " ! --src-range " : " --src-range ").append(src.of(ipv6).get(0));
        }
        if (extra != null) {
            b.append(switch (extra) {
                case "limit" -> " -m limit --limit " + (1 + r.nextInt(20)) + "/" + (p(0.5) ? "sec" : "min")
                        + " --limit-burst " + (5 + r.nextInt(20));
                case "new" -> " -m conntrack --ctstate NEW";
                case "comment" -> " -m comment --comment \"oracle rule\"";
                case "local" -> " -m addrtype --dst-type LOCAL";
                case "established" -> p(0.8) ? " -m conntrack --ctstate RELATED,ESTABLISHED" : " -m state --state RELATED,ESTABLISHED";
                case "invalid" -> " -m conntrack --ctstate INVALID";
                case "untracked" -> " -m conntrack --ctstate UNTRACKED";
                case "dnat-state" -> " -m conntrack --ctstate DNAT";
                default -> throw new IllegalStateException(extra);
            });
        }
        b.append(target(v, rule, proto));
        out.append(b).append('\n');
    }

    private String target(Verdict v, Rule rule, String proto) {
        if (rule.nat() != null) {
            if (rule.nat().kind().equals("REDIRECT")) {
                return " -j REDIRECT --to-ports " + rule.nat().port();
            }
            String to = rule.nat().to(ipv6);
            return " -j DNAT --to-destination " + (ipv6 ? "[" + to + "]" : to) + ":" + rule.nat().port();
        }
        return switch (v.kind()) {
            case "ACCEPT", "DROP", "RETURN", "MASQUERADE" -> " -j " + v.kind();
            case "REJECT" -> p(0.5) ? " -j REJECT" : ipv6 ? " -j REJECT --reject-with icmp6-port-unreachable"
                    : " -j REJECT --reject-with icmp-port-unreachable";
            case "RESET" -> "tcp".equals(proto) ? " -j REJECT --reject-with tcp-reset" : " -j REJECT";
            case "LOG" -> " -j LOG --log-prefix \"oracle \"";
            case "NOTRACK" -> " -j CT --notrack";
            case "JUMP" -> " -j " + v.chain();
            case "GOTO" -> " -g " + v.chain();
            default -> throw new IllegalStateException(v.kind());
        };
    }

    private boolean p(double probability) {
        return r.nextDouble() < probability;
    }

    /** Both files of a scenario. */
    static List<String> both(Scenario s, long seed) {
        List<String> files = new ArrayList<>();
        files.add(write(s, false, seed));
        files.add(write(s, true, seed + 1));
        return files;
    }
}
