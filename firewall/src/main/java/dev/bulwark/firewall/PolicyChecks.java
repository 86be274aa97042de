package dev.bulwark.firewall;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@link FirewallPolicyBuilder#build()} runs. Contradictions throw; shadowed and
 * redundant rules become findings (naming the first earlier rule that covers them). A rule is
 * compared with each earlier rule on its own (a rule covered only by the union of several
 * earlier rules is not reported); {@link CoverIndex} keeps this near-linear.
 */
final class PolicyChecks {

    static final String SHADOWED = "firewall.rule-shadowed";
    static final String REDUNDANT = "firewall.rule-redundant";

    private PolicyChecks() {
    }

    static List<Finding> check(FirewallPolicy policy) {
        List<Rule> rules = policy.rules();
        serviceContradictions(policy);
        for (Service s : policy.services()) {
            serviceKind(policy, s);
        }
        List<Finding> out = new ArrayList<>();
        CoverIndex index = new CoverIndex();
        for (int j = 0; j < rules.size(); j++) {
            Rule later = rules.get(j);
            int first = -1;
            for (int i : index.candidates(later)) {
                Rule earlier = rules.get(i);
                if (!earlier.covers(later)) {
                    continue;
                }
                if (earlier.action() != later.action() && later.covers(earlier)) {
                    throw new ValidationException(policy.label(j) + " contradicts " + policy.label(i)
                            + ": both match the same traffic, one says " + earlier.action().wireName()
                            + " and the other " + later.action().wireName());
                }
                if (first < 0) {
                    first = i;
                }
            }
            if (first >= 0) {
                Rule earlier = rules.get(first);
                if (earlier.action() == later.action()) {
                    out.add(new Finding(REDUNDANT, Severity.LOW, policy.label(j),
                            "it matches only traffic that " + policy.label(first) + " already " + verb(earlier) + "s",
                            "remove " + policy.label(j)));
                } else {
                    out.add(new Finding(SHADOWED, Severity.MEDIUM, policy.label(j),
                            "it never takes effect: " + policy.label(first) + " " + verb(earlier)
                                    + "s all its traffic first",
                            "move " + policy.label(j) + " before " + policy.label(first) + " or remove it"));
                }
            }
            index.add(j, later);
        }
        return List.copyOf(out);
    }

    private static void serviceContradictions(FirewallPolicy policy) {
        for (int i = 0; i < policy.services().size(); i++) {
            for (int j = i + 1; j < policy.services().size(); j++) {
                Service a = policy.services().get(i);
                Service b = policy.services().get(j);
                if (a.exposure() != b.exposure() && a.overlaps(FirewallPolicyBuilder.ruleOf(b))) {
                    throw new ValidationException(word(b) + " service '" + b.name() + "' contradicts " + word(a)
                            + " service '" + a.name() + "': they share ports " + b.ports());
                }
            }
        }
    }

    private static void serviceKind(FirewallPolicy policy, Service service) {
        Rule own = FirewallPolicyBuilder.ruleOf(service);
        if (service.exposure() == Exposure.PRIVATE && policy.defaultIncoming().admits()) {
            throw new ValidationException("private service '" + service.name() + "' needs default incoming deny or"
                    + " reject; with allow it is reachable from everywhere");
        }
        for (int k = 0; k < policy.rules().size(); k++) {
            Rule r = policy.rules().get(k);
            if (r.equals(own) || r.direction() != Direction.IN || !r.action().admits() || !service.overlaps(r)
                    || r.inInterface().filter("lo"::equals).isPresent()) {
                continue;
            }
            if (service.exposure() == Exposure.INTERNAL) {
                throw new ValidationException(policy.label(k) + " opens ports " + service.ports()
                        + " of internal service '" + service.name() + "', which only this machine may reach");
            }
            if (service.exposure() == Exposure.PRIVATE && !within(r.sources(), service.allowedFrom())) {
                throw new ValidationException(policy.label(k) + " opens ports " + service.ports()
                        + " of private service '" + service.name() + "' to "
                        + (r.sources().isEmpty() ? "any source" : r.sources().toString())
                        + ", beyond its allowed networks " + service.allowedFrom());
            }
        }
    }

    private static boolean within(List<IpNetwork> sources, List<IpNetwork> allowed) {
        return !sources.isEmpty() && sources.stream().allMatch(s -> allowed.stream().anyMatch(a -> a.contains(s)));
    }

    private static String verb(Rule r) {
        return r.action() == Action.DENY ? "denie" : r.action().wireName();
    }

    private static String word(Service s) {
        return s.exposure().name().toLowerCase(java.util.Locale.ROOT);
    }
}
