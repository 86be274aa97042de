package dev.bulwark.core.updates;

import dev.bulwark.core.ValidationException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a server keeps itself patched: which updates install on their own, whether it reboots for
 * them, and who hears about it. Rendered by {@link UnattendedUpgrades} (Debian, Ubuntu) and
 * {@link DnfAutomatic} (Fedora, RHEL and derivatives).
 *
 * <pre>{@code
 * UpdatePolicy policy = UpdatePolicy.builder()
 *         .automaticReboot(true).rebootTime(LocalTime.of(3, 30))
 *         .mailTo("ops@example.org")
 *         .build();
 * }</pre>
 */
public final class UpdatePolicy {

    /** Security updates installed daily, unused dependencies removed, no reboot, no mail. */
    public static final UpdatePolicy SECURITY = builder().build();
    /** {@link #SECURITY}, and a reboot at 02:00 when an update needs one. */
    public static final UpdatePolicy SECURITY_WITH_NIGHTLY_REBOOT = builder()
            .automaticReboot(true).rebootTime(LocalTime.of(2, 0)).build();

    private static final Pattern MAIL = Pattern.compile("[A-Za-z0-9._%+-]+(@[A-Za-z0-9.-]+)?");

    private final boolean securityOnly;
    private final boolean automaticReboot;
    private final LocalTime rebootTime;
    private final String mailTo;
    private final MailReport mailReport;
    private final boolean removeUnusedDependencies;
    private final List<String> extraOrigins;

    private UpdatePolicy(Builder b) {
        this.securityOnly = b.securityOnly;
        this.automaticReboot = b.automaticReboot;
        this.rebootTime = b.rebootTime;
        this.mailTo = b.mailTo;
        this.mailReport = b.mailReport;
        this.removeUnusedDependencies = b.removeUnusedDependencies;
        this.extraOrigins = List.copyOf(b.extraOrigins);
    }

    /** A builder with the defaults of {@link #SECURITY}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.securityOnly = securityOnly;
        b.automaticReboot = automaticReboot;
        b.rebootTime = rebootTime;
        b.mailTo = mailTo;
        b.mailReport = mailReport;
        b.removeUnusedDependencies = removeUnusedDependencies;
        b.extraOrigins.addAll(extraOrigins);
        return b;
    }

    /** Whether only security updates install automatically (otherwise all stable updates do). */
    public boolean securityOnly() {
        return securityOnly;
    }

    /** Whether the host reboots by itself when an update needs it. */
    public boolean automaticReboot() {
        return automaticReboot;
    }

    /** When an automatic reboot happens; empty means right after the upgrade. */
    public Optional<LocalTime> rebootTime() {
        return Optional.ofNullable(rebootTime);
    }

    /** Who is mailed the report, if anyone. */
    public Optional<String> mailTo() {
        return Optional.ofNullable(mailTo);
    }

    /** When the report is mailed (only used with {@link #mailTo()}). */
    public MailReport mailReport() {
        return mailReport;
    }

    /** Whether dependencies no longer needed (old kernels included) are removed. */
    public boolean removeUnusedDependencies() {
        return removeUnusedDependencies;
    }

    /** Further unattended-upgrades {@code Origins-Pattern} entries to allow. */
    public List<String> extraOrigins() {
        return extraOrigins;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdatePolicy && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "UpdatePolicy[" + (securityOnly ? "security updates" : "all stable updates")
                + (automaticReboot ? ", reboot " + rebootTime().map(t -> "at " + t).orElse("when needed") : ", no reboot")
                + mailTo().map(m -> ", mail " + m + " " + mailReport.wireName()).orElse("")
                + (removeUnusedDependencies ? ", remove unused dependencies" : "")
                + (extraOrigins.isEmpty() ? "" : ", extra origins " + extraOrigins) + "]";
    }

    /** Builds an {@link UpdatePolicy}; {@link #build()} validates the combination. */
    public static final class Builder {
        private boolean securityOnly = true;
        private boolean automaticReboot;
        private LocalTime rebootTime;
        private String mailTo;
        private MailReport mailReport = MailReport.ON_CHANGE;
        private boolean removeUnusedDependencies = true;
        private final List<String> extraOrigins = new ArrayList<>();

        private Builder() {
        }

        /** Only security updates (default {@code true}); {@code false} installs all stable updates. */
        public Builder securityOnly(boolean securityOnly) {
            this.securityOnly = securityOnly;
            return this;
        }

        /** Reboot automatically when an update needs it (default {@code false}). */
        public Builder automaticReboot(boolean automaticReboot) {
            this.automaticReboot = automaticReboot;
            return this;
        }

        /** The time of an automatic reboot (default: none, right after the upgrade); needs automaticReboot. */
        public Builder rebootTime(LocalTime rebootTime) {
            this.rebootTime = rebootTime;
            return this;
        }

        /** Mail the report to this address or local user (default: no mail). */
        public Builder mailTo(String mailTo) {
            this.mailTo = mailTo;
            return this;
        }

        /**
         * When to mail (default {@link MailReport#ON_CHANGE}); dnf-automatic can only do
         * {@code ON_CHANGE}, and {@link DnfAutomatic#render} refuses the others.
         */
        public Builder mailReport(MailReport mailReport) {
            this.mailReport = Objects.requireNonNull(mailReport, "mailReport");
            return this;
        }

        /** Remove dependencies no longer needed, old kernels included (default {@code true}). */
        public Builder removeUnusedDependencies(boolean removeUnusedDependencies) {
            this.removeUnusedDependencies = removeUnusedDependencies;
            return this;
        }

        /** Also allow this {@code Origins-Pattern}, e.g. {@code origin=Docker} (default: none). */
        public Builder addOrigin(String originPattern) {
            extraOrigins.add(Objects.requireNonNull(originPattern, "originPattern"));
            return this;
        }

        /**
         * The policy.
         *
         * @throws ValidationException naming the field when a value cannot be written safely into a
         *                             config file or the settings contradict each other
         */
        public UpdatePolicy build() {
            if (rebootTime != null && !automaticReboot) {
                throw new ValidationException("rebootTime " + rebootTime + " is set but automaticReboot is false;"
                        + " enable automaticReboot or drop rebootTime");
            }
            if (rebootTime != null && (rebootTime.getSecond() != 0 || rebootTime.getNano() != 0)) {
                throw new ValidationException("rebootTime " + rebootTime + " has seconds; give hours and minutes");
            }
            if (mailTo != null && !MAIL.matcher(mailTo).matches()) {
                throw new ValidationException("mailTo '" + ConfigText.printable(mailTo)
                        + "' is not a mail address or user name (letters, digits, . _ % + - and one @)");
            }
            for (String origin : extraOrigins) {
                ConfigText.checkAptString("addOrigin", origin);
            }
            return new UpdatePolicy(this);
        }
    }
}
