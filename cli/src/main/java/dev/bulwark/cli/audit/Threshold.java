package dev.bulwark.cli.audit;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code --fail-on}: the least severe finding that makes the audit exit with status 1. */
enum Threshold {
    /** Only critical findings fail. */
    CRITICAL(Severity.CRITICAL),
    /** Critical and high findings fail (the default). */
    HIGH(Severity.HIGH),
    /** Medium and above fail. */
    MEDIUM(Severity.MEDIUM),
    /** Low and above fail. */
    LOW(Severity.LOW),
    /** Any finding fails, informational ones too. */
    INFO(Severity.INFO),
    /** Never fail because of findings. */
    NONE(null);

    private final Severity least;

    Threshold(Severity least) {
        this.least = least;
    }

    /** Whether any finding is at or above the threshold. */
    boolean failsOn(List<Finding> findings) {
        Optional<Severity> bar = Optional.ofNullable(least);
        return bar.isPresent() && findings.stream().anyMatch(f -> f.severity().isAtLeast(bar.get()));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
