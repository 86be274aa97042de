package dev.bulwark.ssh.config;

import dev.bulwark.core.ValidationException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the paths of {@code Include} lines point. sshd (OpenSSH 9.2, {@code servconf.c}) prefixes a
 * relative {@code Include} with its compiled-in configuration directory {@code /etc/ssh}, whatever
 * file the line is in and wherever the main file is ({@code sshd -f /tmp/x} still reads
 * {@code Include a.conf} from {@code /etc/ssh/a.conf}); absolute paths are taken as written.
 *
 * <ul>
 *   <li>{@link #sshd()}: sshd's rule, for the live configuration.</li>
 *   <li>{@link #directory(Path)}: relative paths against another directory, e.g. a copy of
 *       {@code /etc/ssh} in {@code /srv/backup/ssh}; absolute paths as written.</li>
 *   <li>{@link #image(Path)}: a system image mounted at a sysroot, e.g. {@code /mnt/img}: relative
 *       paths against {@code /mnt/img/etc/ssh} and absolute paths re-rooted under {@code /mnt/img},
 *       so nothing outside the image is read ({@code ..} stops at the image's root, as in a chroot;
 *       symbolic links inside the image are followed as the file system resolves them).</li>
 * </ul>
 *
 * <p>A path starting with {@code ~} is neither prefixed nor expanded: sshd takes it as written and
 * globs it without {@code GLOB_TILDE}, so {@code Include ~/x.conf} names {@code x.conf} in a
 * directory called {@code ~} under sshd's working directory ({@code /} when systemd starts it,
 * the caller's directory for {@code sshd -T}), never a home directory (checked with OpenSSH 9.2's
 * {@code sshd -T}). No root can say where that is, so {@link #readsFromWorkingDirectory(String)}
 * names such paths, they are not followed, and the audit reports each ({@code ssh.include-unresolved}).
 *
 * @param configDirectory the directory relative paths resolve against, as a path on this machine
 * @param sysroot         the image root absolute paths are re-rooted under, if any
 */
public record IncludeRoot(Path configDirectory, Optional<Path> sysroot) {

    /** sshd's compiled-in configuration directory ({@code SSHDIR}). */
    public static final Path SSHD_DIRECTORY = Path.of("/etc/ssh");

    /** Validates: both paths absolute, the directory inside the sysroot when there is one. */
    public IncludeRoot {
        Objects.requireNonNull(configDirectory, "configDirectory");
        Objects.requireNonNull(sysroot, "sysroot");
        if (!configDirectory.isAbsolute()) {
            throw new ValidationException("Include configuration directory must be absolute: " + configDirectory);
        }
        if (sysroot.isPresent() && (!sysroot.get().isAbsolute() || !configDirectory.normalize().startsWith(sysroot.get().normalize()))) {
            throw new ValidationException("Include sysroot must be absolute and hold the configuration directory: "
                    + sysroot.get() + ", " + configDirectory);
        }
    }

    /** sshd's rule: relative paths against {@code /etc/ssh}, absolute paths as written. */
    public static IncludeRoot sshd() {
        return new IncludeRoot(SSHD_DIRECTORY, Optional.empty());
    }

    /** Relative paths against {@code configDirectory} (made absolute), absolute paths as written. */
    public static IncludeRoot directory(Path configDirectory) {
        return new IncludeRoot(configDirectory.toAbsolutePath(), Optional.empty());
    }

    /** An image mounted at {@code sysroot}: its {@code /etc/ssh} for relative paths, absolute paths re-rooted under it. */
    public static IncludeRoot image(Path sysroot) {
        Path root = sysroot.toAbsolutePath().normalize();
        return new IncludeRoot(root.resolve(SSHD_DIRECTORY.toString().substring(1)), Optional.of(root));
    }

    /**
     * Whether sshd reads this {@code Include} argument relative to its working directory, which no
     * reader of the files can know: it starts with {@code ~} (sshd does not expand it).
     */
    public static boolean readsFromWorkingDirectory(String pattern) {
        return pattern.startsWith("~");
    }

    /**
     * The path on this machine an {@code Include} argument (a path or glob) names.
     *
     * @param pattern an argument of an {@code Include} line
     * @throws ValidationException for a pattern sshd reads from its working directory
     *                             ({@link #readsFromWorkingDirectory(String)})
     */
    public String resolve(String pattern) {
        if (readsFromWorkingDirectory(pattern)) {
            throw new ValidationException("Include " + pattern + " is read relative to sshd's working directory"
                    + " (sshd does not expand '~'); it has no fixed path");
        }
        if (sysroot.isEmpty()) {
            return pattern.startsWith("/") ? pattern : join(configDirectory.toString(), pattern);
        }
        Path root = sysroot.get().normalize();
        String inImage = pattern.startsWith("/") ? pattern
                : join("/" + root.relativize(configDirectory.normalize()), pattern);
        Path normalized = Path.of(inImage).normalize(); // "/.." is "/": nothing escapes the image
        String relative = normalized.toString().substring(1);
        return relative.isEmpty() ? root.toString() : root.resolve(relative).toString();
    }

    private static String join(String directory, String pattern) {
        return directory.endsWith("/") ? directory + pattern : directory + "/" + pattern;
    }
}
