package dev.bulwark.ssh.authorized;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The permission checks sshd makes with {@code StrictModes yes} (the default) before it reads an
 * authorized_keys file, following OpenSSH's {@code safe_path()} (misc.c): the file must be a
 * regular file owned by the user or root and not group- or world-writable; then every directory
 * of its canonical path, walking up, must be owned by the user or root and not group- or
 * world-writable, stopping after the user's home directory (or at {@code /}). sshd stops at the
 * first failure; these checks report every one.
 *
 * <p>Debian and Ubuntu patch sshd ({@code user-group-modes}) to accept a group-writable file or
 * directory when its group has no member but the owner (user private groups). A group-writable
 * path is therefore reported as {@link Severity#MEDIUM} (upstream sshd ignores the file, Debian's
 * may not); one writable by others, or owned by someone else, as {@link Severity#HIGH}.
 */
public final class StrictModes {

    /** The finding id for modes or ownership that make sshd ignore the file. */
    public static final String UNSAFE = "ssh.authorized-keys.unsafe-permissions";

    private StrictModes() {
    }

    /**
     * What would make sshd ignore {@code file} for the user with id {@code uid} and home {@code home}.
     *
     * @return findings; empty when sshd would read the file
     * @throws IOException when the file or a directory cannot be examined
     */
    public static List<Finding> check(Path file, int uid, Path home) throws IOException {
        List<Finding> findings = new ArrayList<>();
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(file, "unix:mode,uid");
        } catch (NoSuchFileException e) {
            findings.add(new Finding("ssh.authorized-keys.missing", Severity.INFO, file.toString(),
                    "the file does not exist, so no key can log in through it",
                    "create it with Bulwark's AuthorizedKeys.write, which sets modes 0600 and 0700"));
            return findings;
        }
        if (!Files.isRegularFile(file)) {
            findings.add(new Finding(UNSAFE, Severity.HIGH, file.toString(),
                    "sshd refuses it: it is not a regular file", "replace it with a regular file"));
            return findings;
        }
        Path real = file.toRealPath();
        check(real, attributes, uid, "file", findings);
        Path realHome = null;
        try {
            realHome = home.toRealPath();
        } catch (NoSuchFileException e) {
            // sshd compares against the home directory only when realpath() resolves it
        }
        for (Path dir = real.getParent(); dir != null; dir = dir.getParent()) {
            check(dir, Files.readAttributes(dir, "unix:mode,uid"), uid, "directory", findings);
            if (dir.equals(realHome)) {
                break;
            }
        }
        return List.copyOf(findings);
    }

    private static void check(Path path, Map<String, Object> attributes, int uid, String kind, List<Finding> findings) {
        int mode = (Integer) attributes.get("mode");
        int owner = (Integer) attributes.get("uid");
        if (owner != uid && owner != 0) {
            findings.add(new Finding(UNSAFE, Severity.HIGH, path.toString(),
                    "sshd ignores the authorized_keys file: " + kind + " " + path + " is owned by uid " + owner
                            + ", not by the user (uid " + uid + ") or root",
                    "chown it to the user (or root)"));
        }
        String modeText = String.format("%04o", mode & 07777);
        if ((mode & 0002) != 0) {
            findings.add(new Finding(UNSAFE, Severity.HIGH, path.toString(),
                    "sshd ignores the authorized_keys file: " + kind + " " + path + " has mode "
                            + modeText + ", writable by others",
                    "chmod go-w " + path));
        } else if ((mode & 0020) != 0) {
            findings.add(new Finding(UNSAFE, Severity.MEDIUM, path.toString(),
                    "upstream sshd ignores the authorized_keys file: " + kind + " " + path + " has mode " + modeText
                            + ", writable by its group (Debian and Ubuntu builds accept it only while the group"
                            + " has no member but the owner)",
                    "chmod g-w " + path));
        }
    }
}
