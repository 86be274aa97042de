package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Hook;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Policy;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import dev.bulwark.firewall.parse.Unparsed;
import java.util.ArrayList;
import java.util.List;

/** Findings about a ruleset alone: default policies, rules that never match, unread parts. Not API. */
public final class RulesetFindings {

    /** At most this many findings about rules not understood; one more says how many were left out. */
    private static final int MAX_NOT_UNDERSTOOD = 20;

    private RulesetFindings() {
    }

    /** Every finding about {@code rules}. */
    public static List<Finding> of(Ruleset rules) {
        List<Finding> out = new ArrayList<>();
        policies(rules, out);
        out.addAll(Managers.of(rules));
        for (Table t : rules.tables()) {
            for (Chain c : t.chains()) {
                for (ShadowedRules.Shadow s : ShadowedRules.of(c)) {
                    out.add(new Finding("firewall.rule-never-matches", Severity.LOW, s.shadowed().toString(),
                            "rule in " + t.family().wireName() + " " + t.name() + " " + c.name()
                                    + " never matches: the earlier rule at line " + s.by().position().line()
                                    + " ('" + s.by().text() + "') catches every packet it would",
                            "remove it, or move it above the broader rule if it was meant to apply"));
                }
            }
        }
        List<Rule> unknown = rules.rulesNotUnderstood();
        for (int i = 0; i < unknown.size() && i < MAX_NOT_UNDERSTOOD; i++) {
            Rule r = unknown.get(i);
            out.add(new Finding("firewall.rule-not-understood", Severity.INFO, r.toString(),
                    "Bulwark does not understand '" + String.join("', '", r.notUnderstood())
                            + "' and assumed it may or may not match",
                    "check this rule by hand"));
        }
        if (unknown.size() > MAX_NOT_UNDERSTOOD) {
            out.add(new Finding("firewall.rule-not-understood", Severity.INFO, "ruleset",
                    (unknown.size() - MAX_NOT_UNDERSTOOD) + " more rules have parts Bulwark does not understand",
                    "check these rules by hand"));
        }
        for (Unparsed u : rules.unparsed()) {
            out.add(new Finding("firewall.unparsed-line", Severity.MEDIUM, u.position().toString(),
                    "line not read (" + u.reason() + "); the analysis ignores it",
                    "fix the line or the capture and analyse again"));
        }
        return out;
    }

    private static void policies(Ruleset rules, List<Finding> out) {
        if (rules.tables().isEmpty()) {
            out.add(new Finding("firewall.no-rules", Severity.HIGH, "ruleset",
                    "no firewall rules are loaded: every listening port is reachable from every address",
                    "load a default-deny ruleset (e.g. ufw default deny incoming; ufw enable)"));
            return;
        }
        for (Table t : rules.tables()) {
            for (Chain c : t.chains()) {
                if (c.hook().orElse(null) != Hook.INPUT || !c.type().equals("filter")
                        || c.policy().orElse(Policy.ACCEPT) != Policy.ACCEPT || t.name().equals("mangle")
                        || t.name().equals("raw") || t.name().equals("security")) {
                    continue;
                }
                if (!endsWithDrop(c)) {
                    out.add(new Finding("firewall.input-policy-accept", Severity.HIGH,
                            t.family().wireName() + " " + t.name() + " " + c.name(),
                            "the INPUT policy is ACCEPT and the chain does not end in a rule that drops"
                                    + " everything: any port not explicitly dropped is open",
                            "set the policy to DROP (iptables -P INPUT DROP; ufw default deny incoming)"
                                    + " after allowing loopback, established connections and SSH"));
                }
            }
        }
    }

    private static boolean endsWithDrop(Chain c) {
        List<Rule> rules = c.rules();
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.target() instanceof Target.Log || r.target() instanceof Target.None) {
                continue;
            }
            boolean unconditional = r.matches().stream().allMatch(m -> m instanceof Match.Comment);
            return unconditional && (r.target() instanceof Target.Drop || r.target() instanceof Target.Reject);
        }
        return false;
    }
}
