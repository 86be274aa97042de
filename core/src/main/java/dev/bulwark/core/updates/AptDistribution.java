package dev.bulwark.core.updates;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What unattended-upgrades matches its origins against on one host: the distribution's id and
 * codename (its {@code ${distro_id}} and {@code ${distro_codename}}, from {@code lsb_release}) and
 * the package files APT knows ({@code apt-cache policy}), among them those that carry security
 * updates.
 *
 * <pre>{@code
 * AptDistribution here = AptDistribution.read(LocalHost.create(), Duration.ofSeconds(30));
 * AptDistribution bookworm = AptDistribution.debian("bookworm", "oldstable");
 * }</pre>
 *
 * @param id           {@code lsb_release -i -s}, e.g. {@code Debian}
 * @param codename     {@code lsb_release -c -s}, e.g. {@code bookworm}
 * @param packageFiles the package files APT knows
 */
public record AptDistribution(String id, String codename, List<AptOrigin> packageFiles) {

    private static final Path OS_RELEASE = Path.of("/etc/os-release");

    /** Requires the components and copies the list. */
    public AptDistribution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(codename, "codename");
        packageFiles = List.copyOf(packageFiles);
    }

    /** A distribution from its components. */
    public static AptDistribution of(String id, String codename, List<AptOrigin> packageFiles) {
        return new AptDistribution(id, codename, packageFiles);
    }

    /**
     * A Debian release with its main archive and its security archive as the Debian mirrors
     * publish them: {@code o=Debian,l=Debian-Security,a=SUITE-security,n=CODENAME-security}.
     *
     * @param codename {@code bookworm}, {@code trixie}
     * @param suite    the release's suite today: {@code stable}, {@code oldstable}, {@code oldoldstable}
     */
    public static AptDistribution debian(String codename, String suite) {
        return new AptDistribution("Debian", codename, List.of(
                new AptOrigin("Debian", "Debian", suite, codename, "main", "deb.debian.org"),
                new AptOrigin("Debian", "Debian-Security", suite + "-security", codename + "-security", "main",
                        "deb.debian.org")));
    }

    /** An Ubuntu release with its main and security archives: {@code o=Ubuntu,l=Ubuntu,a=CODENAME-security,n=CODENAME}. */
    public static AptDistribution ubuntu(String codename) {
        return new AptDistribution("Ubuntu", codename, List.of(
                new AptOrigin("Ubuntu", "Ubuntu", codename, codename, "main", "archive.ubuntu.com"),
                new AptOrigin("Ubuntu", "Ubuntu", codename + "-security", codename, "main", "security.ubuntu.com")));
    }

    /** The package files that carry security updates ({@link AptOrigin#isSecurity()}). */
    public List<AptOrigin> securityOrigins() {
        return packageFiles.stream().filter(AptOrigin::isSecurity).toList();
    }

    /**
     * Reads the distribution of {@code host} as unattended-upgrades does: {@code lsb_release -i -s}
     * and {@code -c -s} (or, without lsb_release, {@code ID} and {@code VERSION_CODENAME} of
     * {@code /etc/os-release}) and the package files of {@code apt-cache policy}.
     *
     * @throws IOException when a command fails or neither lsb_release nor /etc/os-release says
     * @throws dev.bulwark.core.ParseException when apt-cache policy prints a release line it cannot read
     */
    public static AptDistribution read(Host host, Duration timeout) throws IOException {
        String id;
        String codename;
        try {
            id = host.run(List.of("lsb_release", "-i", "-s"), timeout).requireSuccess().stdout().strip();
            codename = host.run(List.of("lsb_release", "-c", "-s"), timeout).requireSuccess().stdout().strip();
        } catch (CommandNotFoundException noLsb) {
            if (!host.exists(OS_RELEASE)) {
                throw new IOException(host.name() + ": neither lsb_release nor " + OS_RELEASE
                        + " names the distribution", noLsb);
            }
            String text = host.readString(OS_RELEASE);
            String osId = osRelease(text, "ID");
            id = osId.isEmpty() ? "" : osId.substring(0, 1).toUpperCase(Locale.ROOT) + osId.substring(1);
            codename = osRelease(text, "VERSION_CODENAME");
        }
        CommandResult policy = host.run(List.of("apt-cache", "policy"), timeout).requireSuccess();
        return new AptDistribution(id, codename,
                AptOrigin.parsePolicy(policy.stdout(), host.name() + ": apt-cache policy"));
    }

    private static String osRelease(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key + "=")) {
                String v = line.substring(key.length() + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return "";
    }
}
