package dev.bulwark.core.updates;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether unattended-upgrades, with a configuration, selects the distribution's security package
 * files, decided by {@link OriginMatcher} (unattended-upgrades' own rules).
 */
final class SecurityCoverage {

    private static final String ALLOWED = "Unattended-Upgrade::Allowed-Origins";
    private static final String PATTERN = "Unattended-Upgrade::Origins-Pattern";
    private static final String FIX = "Write Bulwark's drop-in (UnattendedUpgrades.renderDropIn), which allows the"
            + " Debian and Ubuntu security origins by label and codename.";

    private SecurityCoverage() {
    }

    static List<Finding> check(AptConf conf, AptDistribution distribution) {
        List<String> allowed = conf.list(ALLOWED);
        List<String> patternList = conf.list(PATTERN);
        String subject = UpdatesAudit.subject(conf, patternList.isEmpty() && !allowed.isEmpty() ? ALLOWED : PATTERN);
        List<AptOrigin> security = distribution.securityOrigins();
        String where = printable(distribution.id()) + " " + printable(distribution.codename());
        if (security.isEmpty()) {
            return List.of(new Finding(UpdatesAudit.NO_SECURITY_SOURCE, Severity.HIGH, where,
                    "APT knows no package file that carries security updates (apt-cache policy lists none),"
                            + " so unattended-upgrades has no security update to install.",
                    "Add the distribution's security repository to APT's sources (Debian: "
                            + "'deb http://security.debian.org/debian-security CODENAME-security main') and run"
                            + " apt-get update."));
        }
        OriginMatcher matcher = new OriginMatcher(distribution.id(), distribution.codename());
        List<AptOrigin> missed = new ArrayList<>();
        try {
            List<String> patterns = matcher.patterns(allowed, patternList);
            for (AptOrigin origin : security) {
                if (!matcher.allowed(patterns, origin)) {
                    missed.add(origin);
                }
            }
        } catch (OriginMatcher.Rejected e) {
            return List.of(new Finding(UpdatesAudit.ORIGINS_REJECTED, Severity.HIGH, subject,
                    "unattended-upgrades stops with an error before upgrading anything: " + e.getMessage() + ".",
                    "Fix the entry. " + FIX));
        }
        if (missed.isEmpty()) {
            return List.of();
        }
        int count = allowed.size() + patternList.size();
        String files = missed.stream().limit(4).map(o -> "'" + printable(o.toString()) + "'")
                .collect(Collectors.joining(", ")) + (missed.size() > 4 ? " and " + (missed.size() - 4) + " more" : "");
        if (missed.size() == security.size()) {
            return List.of(new Finding(UpdatesAudit.SECURITY_ORIGINS_MISSING, Severity.HIGH, subject,
                    (count == 0 ? "unattended-upgrades allows no origin at all, so it installs nothing"
                            : "unattended-upgrades allows " + count + " origins but, matched as it matches them on "
                                    + where + ", none selects the security updates (" + files + ")") + ".",
                    FIX));
        }
        return List.of(new Finding(UpdatesAudit.SECURITY_ORIGINS_MISSING, Severity.MEDIUM, subject,
                "unattended-upgrades selects some of " + where + "'s security updates but not those of " + files + ".",
                FIX));
    }

    private static String printable(String s) {
        return ConfigText.printable(s, 200);
    }
}
