package dev.bulwark.ssh.remote;

import java.util.Objects;
import java.util.Optional;

/**
 * One host's result in a {@link Fleet} run: a value, or the failure that stopped it.
 *
 * @param target  the host
 * @param value   the operation's result when it succeeded
 * @param failure the exception when it failed
 * @param <T>     the operation's result type
 */
public record FleetResult<T>(SshTarget target, Optional<T> value, Optional<Throwable> failure) {

    /** Validates that exactly one of value and failure is present. */
    public FleetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(failure, "failure");
        if (value.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("a fleet result has either a value or a failure");
        }
    }

    static <T> FleetResult<T> success(SshTarget target, T value) {
        return new FleetResult<>(target, Optional.of(value), Optional.empty());
    }

    static <T> FleetResult<T> failure(SshTarget target, Throwable failure) {
        return new FleetResult<>(target, Optional.empty(), Optional.of(failure));
    }

    /** Whether the operation succeeded. */
    public boolean isSuccess() {
        return value.isPresent();
    }

    /** The target and "ok" or the failure's message. */
    @Override
    public String toString() {
        return target + ": " + (isSuccess() ? "ok" : "failed: " + failure.get());
    }
}
