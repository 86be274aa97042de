package dev.bulwark.ssh.remote;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lockout-safe sshd change did ({@link SafeSshdApply}).
 *
 * @param outcome what happened
 * @param diff    the unified diff of the change (empty for {@link Outcome#NO_CHANGE})
 * @param details the reasons: pre-check problems, {@code sshd -t} errors, differences from the
 *                intent, or why the new connection failed
 * @param backup  the directory on the host holding the old files, once one was made
 */
public record SshdApplyResult(Outcome outcome, String diff, List<String> details, Optional<String> backup) {

    /** Validates and copies the components. */
    public SshdApplyResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(diff, "diff");
        details = List.copyOf(details);
        Objects.requireNonNull(backup, "backup");
    }

    /** What happened. */
    public enum Outcome {
        /** The edit changed nothing; nothing was done. */
        NO_CHANGE,
        /** A dry run: only the diff was computed. */
        DRY_RUN,
        /**
         * A check found that the change would lock this session out or stop sshd (an address the host
         * lacks), or the running sshd could not be identified; nothing was reloaded and the files are
         * as before.
         */
        REFUSED,
        /** {@code sshd -t} rejected the new files; the old ones were restored before any reload. */
        INVALID,
        /** {@code sshd -T} showed values other than intended; the old files were restored before any reload. */
        NOT_AS_INTENDED,
        /** The change is live and a new connection logged in with it. */
        APPLIED,
        /** The new connection failed after the reload; the old files were restored and sshd reloaded. */
        ROLLED_BACK,
        /**
         * sshd exited when reloaded; the old files were restored and sshd was started again the way
         * the host had started it (its systemd unit or its command line). {@link #details()} say
         * why and whether new connections work again.
         */
        RESTARTED
    }

    /** Whether the new configuration is live. */
    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
