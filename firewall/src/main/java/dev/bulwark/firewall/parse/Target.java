package dev.bulwark.firewall.parse;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployed rule does with a matching packet. {@link Other} keeps a target Bulwark does not
 * understand, verbatim.
 */
public sealed interface Target permits Target.None, Target.Accept, Target.Drop, Target.Reject, Target.Return,
        Target.Jump, Target.Goto, Target.Log, Target.Nat, Target.NoTrack, Target.VerdictMap, Target.Other {

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

        /**
         * The new destination (DNAT) or port (REDIRECT) read from {@link #to()}: empty when
         * {@code to} is absent or not in a form Bulwark reads (the analysis then takes any
         * destination).
         */
        public Optional<NatAddress> destination() {
            return to.flatMap(t -> NatAddress.tryParse(t, kind.equals("REDIRECT")));
        }
    }

    /**
     * Exempt the packet from connection tracking ({@code -j CT --notrack}, {@code -j NOTRACK},
     * nft {@code notrack}); evaluation goes on with the next rule. Only effective before conntrack
     * (raw PREROUTING, priority below -200): the packet is then {@code UNTRACKED} and never NATed.
     */
    record NoTrack() implements Target {
    }

    /**
     * A verdict map ({@code tcp dport vmap { 22 : accept, 23 : drop }},
     * {@code ct state vmap { established : accept, invalid : drop }},
     * {@code dnat to tcp dport map { 80 : 10.0.0.2 }}): the entry whose key the packet matches decides;
     * no matching entry means the rule did nothing and evaluation goes on. Keys of a map never overlap,
     * so at most one entry applies.
     *
     * @param key     the map's key expression as written ({@code tcp dport})
     * @param entries the entries: what the key must match, and what happens then
     */
    record VerdictMap(String key, List<Entry> entries) implements Target {
        /** Validates and copies the components. */
        public VerdictMap {
            Objects.requireNonNull(key, "key");
            entries = List.copyOf(entries);
        }

        /**
         * One element of a verdict map.
         *
         * @param when    the conditions the element's key stands for (all must hold)
         * @param verdict what happens to a packet matching them (never another map)
         */
        public record Entry(List<Match> when, Target verdict) {
            /** Validates and copies the components. */
            public Entry {
                when = List.copyOf(when);
                Objects.requireNonNull(verdict, "verdict");
                if (verdict instanceof VerdictMap) {
                    throw new IllegalArgumentException("a verdict map entry cannot be another map");
                }
            }
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
