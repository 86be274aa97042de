package dev.bulwark.firewall.parse;

import dev.bulwark.core.Position;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a deployed chain: its matches (all must hold), its target, its counters when the dump
 * had them, and the rule's text exactly as it was read.
 *
 * @param position where the rule was read
 * @param matches  the conditions, in the order written
 * @param target   what happens to a matching packet ({@link Target.None} when the rule only counts)
 * @param counters the rule's counters, when the dump carried them
 * @param text     the rule's source text, verbatim
 */
public record Rule(Position position, List<Match> matches, Target target, Optional<Counters> counters, String text) {

    /** Validates and copies the components. */
    public Rule {
        Objects.requireNonNull(position, "position");
        matches = List.copyOf(matches);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(text, "text");
    }

    /** The parts of this rule that Bulwark did not understand (kept verbatim), possibly none. */
    public List<String> notUnderstood() {
        List<String> out = new java.util.ArrayList<>();
        for (Match m : matches) {
            if (m instanceof Match.Other) {
                out.add(((Match.Other) m).text());
            }
        }
        if (target instanceof Target.Other) {
            out.add(((Target.Other) target).text());
        }
        return out;
    }

    /** The comment given with {@code -m comment} or {@code comment "..."}, if any. */
    public Optional<String> comment() {
        for (Match m : matches) {
            if (m instanceof Match.Comment) {
                return Optional.of(((Match.Comment) m).text());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return position + ": " + text;
    }
}
