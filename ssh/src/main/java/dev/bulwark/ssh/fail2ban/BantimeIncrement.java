package dev.bulwark.ssh.fail2ban;

import dev.bulwark.core.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Incremental ban times ({@code bantime.increment = true}): each repeat offence multiplies the ban
 * by {@code factor} (times a power of two, fail2ban's default formula) up to {@code maxTime}.
 *
 * @param factor       {@code bantime.factor}, 1 to 100
 * @param maxTime      {@code bantime.maxtime}, at least one minute
 * @param overallJails {@code bantime.overalljails}: count offences across all jails
 */
public record BantimeIncrement(int factor, Duration maxTime, boolean overallJails) {

    /** Doubling up to one week, counted per jail. */
    public static final BantimeIncrement DEFAULT = new BantimeIncrement(1, Duration.ofDays(7), false);

    /** Validates the components. */
    public BantimeIncrement {
        Objects.requireNonNull(maxTime, "maxTime");
        if (factor < 1 || factor > 100) {
            throw new ValidationException("bantime.factor " + factor + " is outside 1..100");
        }
        if (maxTime.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ValidationException("bantime.maxtime " + maxTime + " is below one minute");
        }
    }
}
