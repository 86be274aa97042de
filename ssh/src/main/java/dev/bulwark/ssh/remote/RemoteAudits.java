package dev.bulwark.ssh.remote;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.ssh.config.SshdConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Audits that run on a host over SSH: what listens there ({@code ss -plunt}, core's
 * {@link ServiceAudit}) and how sshd is configured ({@link dev.bulwark.ssh.config.SshdAudit}).
 * Pass {@link RemoteHost#privileged()} when the login user is not root: {@code ss -p} shows other
 * users' processes and {@code sshd -T} reads the host keys only as root.
 */
public final class RemoteAudits {

    /** Where sshd's configuration lives on Debian and most systems. */
    public static final Path SSHD_CONFIG = Path.of("/etc/ssh/sshd_config");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RemoteAudits() {
    }

    /** Runs {@code ss -plunt} on the host and audits its listeners against the policy (see {@link ServiceAudit#run}). */
    public static ServiceReport services(Host host, ServicePolicy policy) throws IOException {
        return ServiceAudit.run(host, policy);
    }

    /** The configuration sshd applies on the host; see {@link #sshdConfig(Host, String, Path)}. */
    public static SshdSource sshdConfig(Host host) throws IOException {
        return sshdConfig(host, "sshd", SSHD_CONFIG);
    }

    /**
     * The configuration sshd applies on the host: {@code sshd -T -f file} (every option, includes
     * resolved, as sshd itself evaluates them) when the user may run it, else the files as
     * written, includes followed ({@link SshdConfig#read(Host, Path)}). A program the user cannot
     * find (a non-root {@code PATH} often lacks {@code /usr/sbin}) counts as one it may not run.
     *
     * @param sshd       the sshd program on the host
     * @param configFile the main configuration file on the host
     */
    public static SshdSource sshdConfig(Host host, String sshd, Path configFile) throws IOException {
        Objects.requireNonNull(sshd, "sshd");
        try {
            CommandResult t = host.run(List.of(sshd, "-T", "-f", RemoteFiles.absolute(configFile)), TIMEOUT);
            if (t.isSuccess() && !t.stdout().isBlank()) {
                return new SshdSource(SshdConfig.parse(t.stdout(), host.name() + ": sshd -T"), true);
            }
        } catch (CommandNotFoundException e) {
            // not runnable by this user: the files as written are what can be audited
        }
        return new SshdSource(SshdConfig.read(host, configFile), false);
    }

    /** Audits sshd's configuration on the host (ssh part 2's {@link dev.bulwark.ssh.config.SshdAudit}). */
    public static List<Finding> sshd(Host host) throws IOException {
        return sshdConfig(host).config().audit();
    }

    /** Like {@link #sshd(Host)} with the sshd program and configuration file given. */
    public static List<Finding> sshd(Host host, String sshd, Path configFile) throws IOException {
        return sshdConfig(host, sshd, configFile).config().audit();
    }

    /**
     * Where an audited sshd configuration came from.
     *
     * @param config    the configuration
     * @param effective true when it is {@code sshd -T}'s output (complete and resolved), false when
     *                  it is the files as written
     */
    public record SshdSource(SshdConfig config, boolean effective) {
        /** Validates the configuration. */
        public SshdSource {
            Objects.requireNonNull(config, "config");
        }
    }
}
