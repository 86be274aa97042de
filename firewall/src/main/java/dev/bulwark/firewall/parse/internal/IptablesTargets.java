package dev.bulwark.firewall.parse.internal;

import dev.bulwark.firewall.parse.Target;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Resolves a rule's {@code -j}/{@code -g} against the table's chains and the known targets. Not API. */
final class IptablesTargets {

    private IptablesTargets() {
    }

    /** The target; throws {@link IllegalArgumentException} for a goto to a missing chain or bad options. */
    static Target resolve(IptablesRuleParser.TargetSpec spec, String table, Set<String> chains) {
        String name = spec.name();
        List<String> args = spec.args();
        if (name.isEmpty()) {
            return new Target.None();
        }
        boolean userChain = chains.contains(name) && !IptablesTables.isBuiltin(table, name);
        if (chains.contains(name) && !userChain) {
            throw new IllegalArgumentException("cannot jump to built-in chain '" + name + "'");
        }
        if (spec.isGoto()) {
            if (!userChain) {
                throw new IllegalArgumentException("goto target '" + name + "' is not a chain of table '" + table + "'");
            }
            noArgs(name, args);
            return new Target.Goto(name);
        }
        if (userChain) {
            noArgs(name, args);
            return new Target.Jump(name);
        }
        switch (name) {
            case "ACCEPT":
                noArgs(name, args);
                return new Target.Accept();
            case "DROP":
                noArgs(name, args);
                return new Target.Drop();
            case "RETURN":
                noArgs(name, args);
                return new Target.Return();
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
