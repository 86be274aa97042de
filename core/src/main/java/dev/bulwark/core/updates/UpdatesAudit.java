package dev.bulwark.core.updates;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Audits automatic updates, the baseline's sixth measure: are updates installed automatically, or
 * only downloaded, and do they include security updates? Findings have stable ids:
 * <ul>
 *   <li>{@value #NOT_CONFIGURED} — no APT and no dnf-automatic configuration found (HIGH)</li>
 *   <li>{@value #NOT_AUTOMATIC} — updates are not installed automatically (HIGH)</li>
 *   <li>{@value #DOWNLOAD_ONLY} — updates are downloaded but never installed (HIGH)</li>
 *   <li>{@value #SECURITY_ORIGINS_MISSING} — unattended-upgrades allows no security origin (HIGH)</li>
 *   <li>{@value #LISTS_NOT_REFRESHED} — package lists are not refreshed, so nothing new is seen (MEDIUM)</li>
 *   <li>{@value #NO_AUTOMATIC_REBOOT} — updated kernels wait for a manual reboot (LOW)</li>
 *   <li>{@value #NO_REPORT} — nobody is mailed about update runs (INFO)</li>
 *   <li>{@value #UNREADABLE} — a line of the configuration could not be parsed (LOW)</li>
 *   <li>{@value #PROGRAM_MISSING} — the configuration is there but the program is not installed (HIGH)</li>
 *   <li>{@value #TIMER_DISABLED} — the systemd timer that starts the updates is not enabled (HIGH)</li>
 *   <li>{@value #ORIGINS_REJECTED} — unattended-upgrades stops with an error on its origins (HIGH)</li>
 *   <li>{@value #NO_SECURITY_SOURCE} — APT knows no package file with security updates (HIGH)</li>
 *   <li>{@value #UNVERIFIED} — whether the program is installed or started could not be decided (MEDIUM)</li>
 * </ul>
 * Security coverage is decided as unattended-upgrades decides it: its own origin matching
 * (legacy {@code Allowed-Origins} turned into {@code o=,a=}, {@code ${distro_id}} and
 * {@code ${distro_codename}} substituted, every {@code key=value} of an {@code Origins-Pattern}
 * matched with shell wildcards) against the security package files the host's APT knows
 * ({@link AptDistribution}), never by looking for the word "security". On Debian, for instance,
 * {@code "${distro_id}:${distro_codename}-security"} selects archive {@code bookworm-security},
 * which no Debian repository has (the security suite is {@code stable-security} or
 * {@code oldstable-security}; {@code bookworm-security} is its codename), so it selects nothing.
 */
public final class UpdatesAudit {

    /** Finding id: no automatic-update configuration at all. */
    public static final String NOT_CONFIGURED = "updates.not-configured";
    /** Finding id: updates are not installed automatically. */
    public static final String NOT_AUTOMATIC = "updates.not-automatic";
    /** Finding id: updates are only downloaded. */
    public static final String DOWNLOAD_ONLY = "updates.download-only";
    /** Finding id: no security origin is allowed. */
    public static final String SECURITY_ORIGINS_MISSING = "updates.security-origins-missing";
    /** Finding id: package lists are not refreshed. */
    public static final String LISTS_NOT_REFRESHED = "updates.lists-not-refreshed";
    /** Finding id: no automatic reboot. */
    public static final String NO_AUTOMATIC_REBOOT = "updates.no-automatic-reboot";
    /** Finding id: no mailed report. */
    public static final String NO_REPORT = "updates.no-report";
    /** Finding id: a configuration line could not be parsed. */
    public static final String UNREADABLE = "updates.unreadable-config";
    /** Finding id: the updating program is not installed. */
    public static final String PROGRAM_MISSING = "updates.program-missing";
    /** Finding id: a timer that starts the updates is not enabled. */
    public static final String TIMER_DISABLED = "updates.timer-disabled";
    /** Finding id: unattended-upgrades stops with an error on its origin configuration. */
    public static final String ORIGINS_REJECTED = "updates.origins-rejected";
    /** Finding id: APT has no package file that carries security updates. */
    public static final String NO_SECURITY_SOURCE = "updates.no-security-source";
    /** Finding id: whether the updates run could not be decided. */
    public static final String UNVERIFIED = "updates.unverified";

    /** The first dnf version whose dnf-automatic honours {@code reboot} in {@code [commands]}. */
    public static final String DNF_REBOOT_SINCE = "4.15.0";
    /** The timers that run APT's daily jobs (list refresh and download; unattended-upgrade). */
    public static final List<String> APT_TIMERS = List.of("apt-daily.timer", "apt-daily-upgrade.timer");
    /** The timer that runs dnf-automatic with its configuration (not enabled on installation). */
    public static final String DNF_TIMER = "dnf-automatic.timer";

    private static final Set<String> OFF = Set.of("", "0", "false", "no", "off", "disable", "disabled");
    private static final String PERIODIC = "APT::Periodic::Unattended-Upgrade";
    private static final String DOWNLOAD = "APT::Periodic::Download-Upgradeable-Packages";
    private static final String LISTS = "APT::Periodic::Update-Package-Lists";
    private static final String FIX_PERIODIC = "Write Bulwark's 20auto-upgrades (UnattendedUpgrades.renderAutoUpgrades())"
            + " so that APT::Periodic::Unattended-Upgrade is \"1\".";

    private UpdatesAudit() {
    }

    /**
     * Audits the automatic updates of {@code host}: APT through {@code apt-config dump} (the merged
     * configuration of every file), the distribution's package files ({@link AptDistribution#read}),
     * whether unattended-upgrades is installed ({@code dpkg-query}) and {@link #APT_TIMERS} are
     * enabled ({@code systemctl is-enabled}); else dnf-automatic through {@code /etc/dnf/automatic.conf},
     * the installed dnf version, the package ({@code rpm -q dnf-automatic}) and {@link #DNF_TIMER}.
     *
     * @throws IOException when a command or file read fails for another reason than absence
     */
    public static List<Finding> audit(Host host, Duration timeout) throws IOException {
        Objects.requireNonNull(host, "host");
        ProgramCheck check = new ProgramCheck(host, timeout);
        try {
            CommandResult dump = host.run(List.of("apt-config", "dump"), timeout).requireSuccess();
            ParseResult<AptConf> parsed = AptConf.parseLenient(dump.stdout(), host.name() + ": apt-config dump");
            List<Finding> findings = new ArrayList<>(check.dpkgPackage("unattended-upgrades"));
            findings.addAll(check.timers(APT_TIMERS, "without systemd, /etc/cron.daily/apt-compat starts APT's"
                    + " daily jobs if cron runs; assumed not started."));
            findings.addAll(auditApt(parsed.value(), AptDistribution.read(host, timeout)));
            return withDiagnostics(findings, parsed);
        } catch (CommandNotFoundException noApt) {
            if (host.exists(DnfAutomatic.PATH)) {
                String source = host.name() + ":" + DnfAutomatic.PATH;
                ParseResult<DnfAutomaticConf> parsed = DnfAutomaticConf.parseLenient(
                        host.readString(DnfAutomatic.PATH), source);
                List<Finding> findings = new ArrayList<>(check.rpmPackage("dnf-automatic"));
                findings.addAll(check.timers(List.of(DNF_TIMER), "assumed not started."));
                findings.addAll(auditDnf(parsed.value(), source, DnfVersion.read(host, timeout)));
                return withDiagnostics(findings, parsed);
            }
            return List.of(new Finding(NOT_CONFIGURED, Severity.HIGH, host.name(),
                    "Neither APT (apt-config) nor dnf-automatic (" + DnfAutomatic.PATH + ") is present,"
                            + " so nothing installs updates automatically.",
                    "Install unattended-upgrades (Debian, Ubuntu) or dnf-automatic (Fedora, RHEL) and"
                            + " write Bulwark's configuration for it."));
        }
    }

    private static List<Finding> withDiagnostics(List<Finding> findings, ParseResult<?> parsed) {
        List<Finding> all = new ArrayList<>(findings);
        for (ParseException e : parsed.diagnostics().subList(0, Math.min(10, parsed.diagnostics().size()))) {
            all.add(new Finding(UNREADABLE, Severity.LOW, e.position().toString(), e.reason() + ".",
                    "Fix the line; the tool reading it may reject the whole file."));
        }
        return List.copyOf(all);
    }

    /**
     * Audits an APT configuration (one file, several layered with {@link AptConf#then}, or a dump)
     * as unattended-upgrades would read it on {@code distribution}.
     */
    public static List<Finding> auditApt(AptConf conf, AptDistribution distribution) {
        Objects.requireNonNull(distribution, "distribution");
        List<Finding> findings = new ArrayList<>();
        boolean upgrades = isOn(conf.value(PERIODIC));
        if (!upgrades && isOn(conf.value(DOWNLOAD))) {
            findings.add(new Finding(DOWNLOAD_ONLY, Severity.HIGH, subject(conf, DOWNLOAD),
                    "APT downloads upgrades every day but never installs them.", FIX_PERIODIC));
        } else if (!upgrades) {
            findings.add(new Finding(NOT_AUTOMATIC, Severity.HIGH, subject(conf, PERIODIC),
                    "Unattended upgrades are off (" + PERIODIC + " is "
                            + conf.value(PERIODIC).map(v -> "\"" + ConfigText.printable(v) + "\"").orElse("not set")
                            + "), so security updates wait for someone to install them.", FIX_PERIODIC));
            return findings;
        }
        if (!upgrades) {
            return findings;
        }
        if (!isOn(conf.value(LISTS))) {
            findings.add(new Finding(LISTS_NOT_REFRESHED, Severity.MEDIUM, subject(conf, LISTS),
                    "Package lists are not refreshed, so unattended-upgrade never sees new updates.",
                    "Set " + LISTS + " \"1\" (Bulwark's 20auto-upgrades does)."));
        }
        findings.addAll(SecurityCoverage.check(conf, distribution));
        if (!isOn(conf.value("Unattended-Upgrade::Automatic-Reboot"))) {
            findings.add(new Finding(NO_AUTOMATIC_REBOOT, Severity.LOW,
                    subject(conf, "Unattended-Upgrade::Automatic-Reboot"),
                    "The host never reboots by itself, so updated kernels and libraries wait for a manual reboot.",
                    "Set Unattended-Upgrade::Automatic-Reboot \"true\" with an Automatic-Reboot-Time,"
                            + " or schedule reboots."));
        }
        if (conf.value("Unattended-Upgrade::Mail").filter(m -> !m.isBlank()).isEmpty()) {
            findings.add(new Finding(NO_REPORT, Severity.INFO, subject(conf, "Unattended-Upgrade::Mail"),
                    "No one is mailed when an unattended upgrade fails.",
                    "Set Unattended-Upgrade::Mail to an address that is read."));
        }
        return findings;
    }

    /** Audits a dnf-automatic configuration; {@code source} names it in subjects. */
    /**
     * Audits a dnf-automatic configuration; {@code source} names it in subjects; {@code dnfVersion}
     * is the installed dnf's version ({@code 4.14.0}), empty when unknown: {@code reboot} is honoured
     * from {@value #DNF_REBOOT_SINCE} on, and an older or unknown version is reported as not rebooting.
     */
    public static List<Finding> auditDnf(DnfAutomaticConf conf, String source, Optional<String> dnfVersion) {
        List<Finding> findings = new ArrayList<>();
        boolean apply = isOn(conf.value("commands", "apply_updates"));
        boolean download = conf.value("commands", "download_updates").map(v -> isOn(Optional.of(v))).orElse(true);
        String subject = source + " [commands] apply_updates";
        String fix = "Set apply_updates = yes in [commands] (Bulwark's DnfAutomatic.render does) and"
                + " enable dnf-automatic.timer.";
        if (!apply) {
            findings.add(download
                    ? new Finding(DOWNLOAD_ONLY, Severity.HIGH, subject,
                            "dnf-automatic downloads updates but does not apply them.", fix)
                    : new Finding(NOT_AUTOMATIC, Severity.HIGH, subject,
                            "dnf-automatic neither downloads nor applies updates.", fix));
            return findings;
        }
        String reboot = conf.value("commands", "reboot").orElse("never").strip().toLowerCase(Locale.ROOT);
        String rebootSubject = source + " [commands] reboot";
        if (reboot.equals("never")) {
            findings.add(new Finding(NO_AUTOMATIC_REBOOT, Severity.LOW, rebootSubject,
                    "The host never reboots by itself, so updated kernels and libraries wait for a manual reboot.",
                    "Set reboot = when-needed in [commands] (honoured from dnf " + DNF_REBOOT_SINCE
                            + " on), or schedule reboots."));
        } else if (!DnfVersion.atLeast(dnfVersion, DNF_REBOOT_SINCE)) {
            findings.add(new Finding(NO_AUTOMATIC_REBOOT, Severity.LOW, rebootSubject,
                    "reboot = " + ConfigText.printable(reboot) + " is ignored: "
                            + dnfVersion.map(v -> "the installed dnf is " + ConfigText.printable(v))
                                    .orElse("the installed dnf's version is unknown, assumed older")
                            + ", and dnf-automatic honours reboot only from dnf " + DNF_REBOOT_SINCE
                            + " on, so the host never reboots by itself.",
                    "Upgrade dnf to " + DNF_REBOOT_SINCE + " or later, or schedule reboots (a systemd timer"
                            + " running 'needs-restarting -r || systemctl reboot')."));
        }
        if (!conf.value("emitters", "emit_via").orElse("stdio").toLowerCase(Locale.ROOT).contains("email")) {
            findings.add(new Finding(NO_REPORT, Severity.INFO, source + " [emitters] emit_via",
                    "No one is mailed about dnf-automatic runs.",
                    "Set emit_via = email and email_to in [email]."));
        }
        return findings;
    }

    static boolean isOn(Optional<String> value) {
        return value.map(v -> !OFF.contains(v.strip().toLowerCase(Locale.ROOT))).orElse(false);
    }

    static String subject(AptConf conf, String key) {
        return conf.positionOf(key).map(p -> key + " (" + p + ")").orElse(key);
    }
}
