package dev.bulwark.firewall.analysis.internal;

/** Whether a condition holds for a packet: surely, surely not, or it depends on what the analysis cannot know. Not API. */
public enum Tri {
    /** Surely holds. */
    YES,
    /** Surely does not hold. */
    NO,
    /** May hold (rate limits, ipset members, unknown modules, unknown destination). */
    MAYBE;

    /** This condition and {@code other}. */
    public Tri and(Tri other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == MAYBE || other == MAYBE ? MAYBE : YES;
    }

    /** The condition inverted when {@code negated}. */
    public Tri negate(boolean negated) {
        if (!negated || this == MAYBE) {
            return this;
        }
        return this == YES ? NO : YES;
    }

    /** YES or NO. */
    public static Tri of(boolean b) {
        return b ? YES : NO;
    }
}
