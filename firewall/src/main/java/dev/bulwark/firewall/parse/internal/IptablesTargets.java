package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a rule's {@code -j}/{@code -g} against the table's chains and the known targets. The
 * targets without options are immutable values, so one instance of each serves every rule of a
 * table. Not API.
 */
final class IptablesTargets {

    private static final Target NONE = new Target.None();
    private static final Target ACCEPT = new Target.Accept();
    private static final Target DROP = new Target.Drop();
    private static final Target RETURN = new Target.Return();

    private final Map<String, Target> jumps = new HashMap<>();
    private final Map<String, Target> gotos = new HashMap<>();

    /** Whether {@code name} is a target this class gives a type to (no chain can have its name). */
    static boolean isStandard(String name) {
        switch (name) {
            case "ACCEPT", "DROP", "RETURN", "REJECT", "LOG", "NFLOG", "DNAT", "SNAT", "MASQUERADE", "REDIRECT":
                return true;
            default:
                return false;
        }
    }

    /** Forgets the chains of the last table. */
    void clear() {
        jumps.clear();
        gotos.clear();
    }


    /** The target; throws {@link IllegalArgumentException} for a goto to a missing chain or bad options. */
    Target resolve(IptablesRuleParser.TargetSpec spec, String table, Set<String> chains) {
        return resolve(spec.name(), spec.isGoto(), spec.args(), table, chains);
    }

    /** The target {@code name} with options {@code args}, {@code -g} when {@code isGoto}; throws like {@link #resolve(IptablesRuleParser.TargetSpec, String, Set)}. */
    Target resolve(String name, boolean isGoto, List<String> args, String table, Set<String> chains) {
        if (name.isEmpty()) {
            return NONE;
        }
        boolean userChain = chains.contains(name) && !IptablesTables.isBuiltin(table, name);
        if (chains.contains(name) && !userChain) {
            throw new IllegalArgumentException("cannot jump to built-in chain '" + name + "'");
        }
        if (isGoto) {
            if (!userChain) {
                throw new IllegalArgumentException("goto target '" + name + "' is not a chain of table '" + table + "'");
            }
            noArgs(name, args);
            return gotos.computeIfAbsent(name, Target.Goto::new);
        }
        if (userChain) {
            noArgs(name, args);
            return jumps.computeIfAbsent(name, Target.Jump::new);
        }
        switch (name) {
            case "ACCEPT":
                noArgs(name, args);
                return ACCEPT;
            case "DROP":
                noArgs(name, args);
                return DROP;
            case "RETURN":
                noArgs(name, args);
                return RETURN;
            case "REJECT":
                return new Target.Reject(option(args, "--reject-with"));
            case "LOG":
                return new Target.Log(option(args, "--log-prefix"));
            case "NFLOG":
                return new Target.Log(option(args, "--nflog-prefix"));
            case "DNAT":
                return new Target.Nat(name, option(args, "--to-destination"));
            case "SNAT":
                return new Target.Nat(name, option(args, "--to-source"));
            case "MASQUERADE":
            case "REDIRECT":
                return new Target.Nat(name, option(args, "--to-ports"));
            default:
                return new Target.Other(name, args);
        }
    }

    private static void noArgs(String name, List<String> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("target '" + name + "' takes no options, got '" + String.join(" ", args) + "'");
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(name)) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }
}
