package dev.bulwark.firewall.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployed rule does with a matching packet. {@link Other} keeps a target Bulwark does not
 * understand, verbatim.
 */
public sealed interface Target permits Target.None, Target.Accept, Target.Drop, Target.Reject, Target.Return,
        Target.Jump, Target.Goto, Target.Log, Target.Nat, Target.Other {

    /** The rule only counts; evaluation goes on with the next rule. */
    record None() implements Target {
    }

    /** Accept the packet (in this chain's hook; later base chains still run). */
    record Accept() implements Target {
    }

    /** Drop the packet silently. */
    record Drop() implements Target {
    }

    /**
     * Drop the packet and answer with an error.
     *
     * @param with the error ({@code --reject-with}), if given
     */
    record Reject(Optional<String> with) implements Target {
        /** Validates the components. */
        public Reject {
            Objects.requireNonNull(with, "with");
        }
    }

    /** Return to the calling chain (in a base chain: apply the policy). */
    record Return() implements Target {
    }

    /**
     * Run a user chain and come back ({@code -j chain}, {@code jump chain}).
     *
     * @param chain the chain's name
     */
    record Jump(String chain) implements Target {
        /** Validates the components. */
        public Jump {
            Objects.requireNonNull(chain, "chain");
        }
    }

    /**
     * Continue in a user chain without coming back ({@code -g chain}, {@code goto chain}).
     *
     * @param chain the chain's name
     */
    record Goto(String chain) implements Target {
        /** Validates the components. */
        public Goto {
            Objects.requireNonNull(chain, "chain");
        }
    }

    /**
     * Log the packet and go on ({@code LOG}, {@code NFLOG}, {@code log}).
     *
     * @param prefix the log prefix, if given
     */
    record Log(Optional<String> prefix) implements Target {
        /** Validates the components. */
        public Log {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /**
     * Address translation ({@code DNAT}, {@code SNAT}, {@code MASQUERADE}, {@code REDIRECT}).
     *
     * @param kind the target's name, upper case
     * @param to   the new address or port, as written, if given
     */
    record Nat(String kind, Optional<String> to) implements Target {
        /** Validates the components. */
        public Nat {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(to, "to");
        }

        /** Whether this rewrites the destination (DNAT, REDIRECT). */
        public boolean rewritesDestination() {
            return kind.equals("DNAT") || kind.equals("REDIRECT");
        }
    }

    /**
     * A target Bulwark does not understand, kept verbatim.
     *
     * @param name the target's name
     * @param args the target's options as written
     */
    record Other(String name, List<String> args) implements Target {
        /** Validates and copies the components. */
        public Other {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }

        /** The target as written. */
        public String text() {
            return args.isEmpty() ? name : name + " " + String.join(" ", args);
        }
    }
}
