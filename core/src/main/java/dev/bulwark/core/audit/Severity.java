package dev.bulwark.core.audit;

/** How urgently a {@link Finding} needs attention, most severe first. */
public enum Severity {
    /** Exploitable now; fix before the host goes public. */
    CRITICAL,
    /** A serious weakness of the baseline. */
    HIGH,
    /** A weakness worth fixing soon. */
    MEDIUM,
    /** Hardening beyond the baseline. */
    LOW,
    /** Not a weakness; worth knowing. */
    INFO;

    /** Whether this severity is at least as severe as {@code other}. */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}
