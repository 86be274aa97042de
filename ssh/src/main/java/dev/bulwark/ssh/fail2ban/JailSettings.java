package dev.bulwark.ssh.fail2ban;

import dev.bulwark.core.Position;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A jail as fail2ban would run it after reading every file: {@code [DEFAULT]} inherited, later
 * files overriding earlier ones, {@code %(name)s} interpolated.
 *
 * @param name     the section name, e.g. {@code sshd}
 * @param values   option → interpolated value
 * @param sources  option → where the winning value was set
 */
public record JailSettings(String name, Map<String, String> values, Map<String, Position> sources) {

    /** Validates and copies the components. */
    public JailSettings {
        Objects.requireNonNull(name, "name");
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
    }

    /** A value, if set. */
    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    /** Whether {@code enabled} is true ({@code true}, {@code yes}, {@code on} or {@code 1}). */
    public boolean enabled() {
        return value("enabled").map(v -> v.matches("(?i)true|yes|on|1")).orElse(false);
    }

    /** {@code maxretry}, if it is a number. */
    public Optional<Integer> maxRetry() {
        return value("maxretry").filter(v -> v.matches("\\d{1,6}")).map(Integer::parseInt);
    }

    /** {@code findtime}, if it is a fail2ban time. */
    public Optional<Duration> findTime() {
        return value("findtime").flatMap(dev.bulwark.ssh.fail2ban.internal.Durations::parse);
    }

    /** {@code bantime}, if it is a fail2ban time (negative: for ever). */
    public Optional<Duration> banTime() {
        return value("bantime").flatMap(dev.bulwark.ssh.fail2ban.internal.Durations::parse);
    }

    /** Whether {@code bantime.increment} is on. */
    public boolean incremental() {
        return value("bantime.increment").map(v -> v.matches("(?i)true|yes|on|1")).orElse(false);
    }

    /** Where an option was set, as {@code file:line}, or {@code default} when it was not. */
    public String where(String option) {
        Position p = sources.get(option);
        return p == null ? "fail2ban default" : p.source() + ":" + p.line();
    }

    @Override
    public String toString() {
        return "[" + name + "] enabled=" + enabled() + " " + values.size() + " options";
    }
}
