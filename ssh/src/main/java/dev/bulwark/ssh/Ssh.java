package dev.bulwark.ssh;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdHardening;
import dev.bulwark.ssh.fail2ban.Fail2banConfig;
import dev.bulwark.ssh.fail2ban.SshdJail;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The front door of Bulwark's ssh module: static methods that lead to the rest (keys, authorized_keys, known_hosts, certificates, sshd_config, fail2ban, remote hosts).
 * Type {@code Ssh.} and press Tab in JShell to see what you can do.
 */
public final class Ssh {

    private Ssh() {
    }

    // sshd_config and fail2ban

    /** Reads an sshd_config and the files it includes, e.g. {@code Ssh.sshdConfig(Path.of("/etc/ssh/sshd_config"))}. */
    public static SshdConfig sshdConfig(Path path) throws IOException {
        return SshdConfig.read(path);
    }

    /** Parses sshd_config text (includes are not followed). */
    public static SshdConfig sshdConfig(String text) {
        return SshdConfig.parse(text);
    }

    /** Audits an sshd_config file and what it includes. */
    public static List<Finding> auditSshd(Path path) throws IOException {
        return SshdConfig.read(path).audit();
    }

    /** Hardens a configuration with the seed's baseline; the result carries the diff and the fixed findings. */
    public static SshdHardening.Result hardenSshd(SshdConfig config) {
        return SshdHardening.harden(config);
    }

    /** A builder for an {@code [sshd]} fail2ban jail with the seed's defaults. */
    public static SshdJail.Builder fail2banJail() {
        return SshdJail.builder();
    }

    /** Reads a fail2ban configuration directory such as {@code /etc/fail2ban}. */
    public static Fail2banConfig fail2ban(Path confDir) throws IOException {
        return Fail2banConfig.read(confDir);
    }
}
