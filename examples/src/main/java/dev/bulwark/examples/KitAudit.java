package dev.bulwark.examples;

import dev.bulwark.core.host.Host;
import dev.bulwark.ssh.remote.RemoteHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the audit part of the kit (listening services, sshd, firewall, updates, and the sshd_config
 * the hardening starts from) comes from: the target server itself, never the machine that runs the
 * kit under the target's name.
 *
 * <ul>
 *   <li>{@link #none()}: no audit; REPORT.md says how to get one.</li>
 *   <li>{@link #over(RemoteHost)}: the target over SSH (connect with strict host keys,
 *       {@code Ssh.connect}).</li>
 *   <li>{@link #fromFiles(Path)}: output captured on the target, in a directory (names in
 *       {@link CapturedFiles}).</li>
 *   <li>{@link #of(Host, String)}: any other host, e.g. {@code LocalHost} when the kit runs on the
 *       target itself; the caller vouches that it is the target.</li>
 * </ul>
 */
public sealed interface KitAudit permits KitAudit.None, KitAudit.FromHost {

    /** No audit. */
    static KitAudit none() {
        return new None();
    }

    /** The target over SSH; the connection stays the caller's to close. */
    static KitAudit over(RemoteHost target) {
        return new FromHost(target, "over SSH as " + target.target());
    }

    /**
     * A host that is the target; {@code via} says how it is reached, for REPORT.md
     * (e.g. {@code "on this machine, which is the target"}).
     */
    static KitAudit of(Host target, String via) {
        return new FromHost(target, via);
    }

    /**
     * Output captured on the target, in {@code directory} (see {@link CapturedFiles} for the names).
     *
     * @throws IOException when the directory does not exist or holds none of the captured files
     */
    static KitAudit fromFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new java.nio.file.NoSuchFileException(directory.toString(), null, "not a directory");
        }
        return new FromHost(CapturedFiles.in(directory), "from the files captured in " + directory.toAbsolutePath());
    }

    /** How the target was reached, for REPORT.md: e.g. {@code over SSH as root@192.0.2.1:22}. */
    String description();

    /** No audit. */
    record None() implements KitAudit {
        @Override
        public String description() {
            return "not audited";
        }
    }

    /**
     * An audit through a {@link Host} that is the target (over SSH, captured files, or this machine).
     *
     * @param host the target
     * @param via  how it is reached
     */
    record FromHost(Host host, String via) implements KitAudit {
        /** Checks the components. */
        public FromHost {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(via, "via");
        }

        @Override
        public String description() {
            return via;
        }
    }
}
