package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recognises the tools that wrote a ruleset (ufw, firewalld, Docker, Kubernetes, fail2ban) by
 * their chain, table and set names, and reports Docker publishing ports around INPUT. Not API.
 */
final class Managers {

    private Managers() {
    }

    static List<Finding> of(Ruleset rules) {
        TreeSet<String> managers = new TreeSet<>();
        TreeSet<String> jails = new TreeSet<>();
        boolean docker28 = false;
        for (Table t : rules.tables()) {
            String table = t.name();
            if (table.equals("firewalld")) {
                managers.add("firewalld");
            }
            if (table.equals("f2b-table")) {
                jails.add("f2b-table");
            }
            if (table.startsWith("docker")) {
                managers.add("Docker");
            }
            for (Chain c : t.chains()) {
                String n = c.name();
                if (n.startsWith("ufw-") || n.startsWith("ufw6-")) {
                    managers.add("ufw");
                } else if (n.startsWith("KUBE-")) {
                    managers.add("Kubernetes");
                } else if (n.equals("DOCKER") || n.startsWith("DOCKER-")) {
                    managers.add("Docker");
                    docker28 |= n.equals("DOCKER-FORWARD") || n.equals("DOCKER-CT") || n.equals("DOCKER-BRIDGE");
                } else if (n.startsWith("f2b-")) {
                    jails.add(n.substring(4));
                } else if (n.endsWith("_direct") || n.startsWith("IN_") || n.startsWith("FWDI_")) {
                    managers.add("firewalld");
                }
                for (Rule r : c.rules()) {
                    for (Match m : r.matches()) {
                        if (m instanceof Match.IpSet && ((Match.IpSet) m).set().startsWith("f2b-")) {
                            jails.add(((Match.IpSet) m).set().substring(4));
                        }
                    }
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (String m : managers) {
            out.add(new Finding("firewall.manager-detected", Severity.INFO, m,
                    "rules written by " + m + (m.equals("Docker") && docker28 ? " (28 or later: DOCKER-FORWARD/DOCKER-CT chains)" : ""),
                    "change these rules through " + m + ", not by hand, or they are overwritten"));
        }
        if (managers.size() > 1) {
            out.add(new Finding("firewall.several-managers", Severity.MEDIUM, String.join(", ", managers),
                    "several tools write rules into the same kernel tables: " + String.join(", ", managers)
                            + "; each one's view of what is open is incomplete",
                    "decide which tool owns INPUT and FORWARD and audit the combined ruleset, not one tool's status"));
        }
        if (jails.isEmpty()) {
            out.add(new Finding("firewall.fail2ban-absent", Severity.LOW, "ruleset",
                    "no fail2ban chains, sets or table: repeated login failures are not banned",
                    "install fail2ban with at least the sshd jail"));
        } else {
            out.add(new Finding("firewall.fail2ban-present", Severity.INFO, "fail2ban",
                    "fail2ban bans through " + jails, "keep its jails covering every public login service"));
        }
        docker(rules, out);
        return out;
    }

    private static void docker(Ruleset rules, List<Finding> out) {
        for (Table nat : rules.tables()) {
            if (!nat.name().equals("nat")) {
                continue;
            }
            Chain chain = nat.chain("DOCKER").orElse(null);
            if (chain == null) {
                continue;
            }
            List<String> published = new ArrayList<>();
            for (Rule r : chain.rules()) {
                if (r.target() instanceof Target.Nat && ((Target.Nat) r.target()).kind().equals("DNAT")
                        && !toLoopback(r)) {
                    published.add(port(r) + " -> " + ((Target.Nat) r.target()).to().orElse("?"));
                }
            }
            if (published.isEmpty()) {
                continue;
            }
            Chain user = rules.table(nat.family(), "filter").flatMap(f -> f.chain("DOCKER-USER")).orElse(null);
            boolean filters = user != null && user.rules().stream().anyMatch(r -> !(r.target() instanceof Target.Return));
            if (filters) {
                out.add(new Finding("firewall.docker-user-filters", Severity.INFO, "DOCKER-USER",
                        "Docker publishes " + published + " and DOCKER-USER has filtering rules for them",
                        "keep DOCKER-USER restricting published ports to the intended sources"));
            } else {
                out.add(new Finding("firewall.docker-bypasses-input", Severity.HIGH, nat.family().wireName() + " nat DOCKER",
                        "Docker publishes " + published + " by DNAT; these connections go through FORWARD, not INPUT,"
                                + " so INPUT rules (ufw's included) do not filter them, and DOCKER-USER "
                                + (user == null ? "does not exist" : "is empty or only returns"),
                        "restrict them in DOCKER-USER (e.g. -i eth0 ! -s 10.0.0.0/8 -j DROP) or publish on"
                                + " 127.0.0.1 only (-p 127.0.0.1:8080:80)"));
            }
        }
    }

    private static boolean toLoopback(Rule r) {
        for (Match m : r.matches()) {
            if (m instanceof Match.Addr && !m.negated() && ((Match.Addr) m).side() == Match.Side.DESTINATION) {
                Match.Addr a = (Match.Addr) m;
                return a.network().firstAddress().isLoopbackAddress();
            }
        }
        return false;
    }

    private static String port(Rule r) {
        String proto = "";
        String port = "";
        for (Match m : r.matches()) {
            if (m instanceof Match.Proto) {
                proto = ((Match.Proto) m).name();
            } else if (m instanceof Match.Ports && ((Match.Ports) m).side() == Match.Side.DESTINATION) {
                port = ((Match.Ports) m).ranges().get(0).toString();
            }
        }
        return proto + "/" + port;
    }
}
