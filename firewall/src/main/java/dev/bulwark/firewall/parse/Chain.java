package dev.bulwark.firewall.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chain of a deployed table. A base chain is attached to a {@link Hook} at a priority and has a
 * policy; a user chain has neither and runs only when a rule jumps or goes to it.
 *
 * @param name     the chain's name
 * @param type     the chain type ({@code filter}, {@code nat}, {@code route}); empty for user chains
 * @param hook     the hook of a base chain
 * @param priority the base chain's priority (lower runs first; iptables tables use their fixed
 *                 priorities, e.g. raw -300, mangle -150, nat -100, filter 0, security 50)
 * @param policy   the base chain's policy
 * @param counters the chain's counters ({@link Counters#ZERO} when unknown)
 * @param rules    the rules, in evaluation order
 * @param devices  the devices an {@code ingress} base chain is bound to ({@code device "eth0"});
 *                 empty for every other chain
 */
public record Chain(String name, String type, Optional<Hook> hook, int priority, Optional<Policy> policy,
                    Counters counters, List<Rule> rules, List<String> devices) {

    /** A chain not bound to devices. */
    public Chain(String name, String type, Optional<Hook> hook, int priority, Optional<Policy> policy,
                 Counters counters, List<Rule> rules) {
        this(name, type, hook, priority, policy, counters, rules, List.of());
    }

    /** Validates and copies the components. */
    public Chain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(counters, "counters");
        rules = List.copyOf(rules);
        devices = List.copyOf(devices);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("chain name is empty");
        }
    }

    /** Whether this is a base chain (attached to a hook). */
    public boolean isBase() {
        return hook.isPresent();
    }

    @Override
    public String toString() {
        return name + hook.map(h -> " (" + type + " hook " + h.name().toLowerCase(java.util.Locale.ROOT)
                + " priority " + priority + policy.map(p -> " policy " + p).orElse("") + ")").orElse("")
                + ", " + rules.size() + " rules";
    }
}
