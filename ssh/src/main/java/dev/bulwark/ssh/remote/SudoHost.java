package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RemoteHost} seen through {@code sudo -n}: commands run as root in the C locale (sudo
 * resets the environment, so a root shell sets it), files are read byte for byte through
 * {@code base64} and written by a root shell that streams stdin into a temporary file beside the
 * target and renames it into place. {@code sudo -n} never prompts: when it would need a password
 * the step fails at once with {@link SudoRefusedException}. Not API.
 */
final class SudoHost implements Host {

    /** What kills a timed-out step's process group: root, since sudo and the step run as root. */
    private static final List<String> SUDO_KILL = List.of("sudo", "-n", "--");
    /** Marks a program that the root shell did not find, so that it is told apart from a missing sudo. */
    private static final String NOT_FOUND = "bulwark-sudo: command not found";
    /** Runs "$@" as root in the C locale. */
    private static final String EXEC = "LC_ALL=C; LANG=C; export LC_ALL LANG; command -v \"$1\" >/dev/null 2>&1"
            + " || { echo '" + NOT_FOUND + "' >&2; exit 127; }; exec \"$@\"";
    /**
     * Writes stdin to $1 atomically with mode $2, owned by $3 (empty: root); $4 is the directory of
     * $1, given separately because the shell's $(…) would drop trailing line breaks of a name; $5
     * is 1 when a symbolic link at $1 must be refused. Every name is an argument, never code.
     */
    private static final String WRITE = "umask 077; "
            + "if [ -d \"$1\" ] && [ ! -L \"$1\" ]; then echo \"bulwark: the target is a directory\" >&2; exit 1; fi; "
            + "if [ \"$5\" = 1 ] && [ -L \"$1\" ]; then echo \"bulwark: refusing to replace a symbolic link with an"
            + " owner-only file\" >&2; exit 1; fi; "
            + "t=$(mktemp \"$4/.bulwark.XXXXXXXXXX\") || exit 1; "
            + "if cat > \"$t\" && chmod \"$2\" \"$t\" && { [ -z \"$3\" ] || chown \"$3:$(id -g \"$3\")\" \"$t\"; }"
            + " && mv -f \"$t\" \"$1\"; then exit 0; fi; rm -f \"$t\"; exit 1";

    private final RemoteHost host;

    SudoHost(RemoteHost host) {
        this.host = host;
    }

    @Override
    public String name() {
        return host.name();
    }

    @Override
    public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        List<String> checked = List.copyOf(command);
        if (checked.isEmpty() || checked.get(0).isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        List<String> line = new ArrayList<>(List.of("sudo", "-n", "--", "sh", "-c", EXEC, "sh"));
        line.addAll(checked);
        CommandResult r = host.exec(line, stdin, timeout, SUDO_KILL);
        String err = r.stderr();
        if (r.exitCode() == 127 && err.contains(NOT_FOUND)) {
            throw new CommandNotFoundException(checked.get(0), "not found by root's shell under sudo on " + name());
        }
        if (r.exitCode() == 127 && err.contains("not found")) {
            throw new CommandNotFoundException("sudo", "not found by the remote shell on " + name()
                    + "; install sudo or connect as root");
        }
        if (r.exitCode() == 1 && err.startsWith("sudo: ") && (err.contains("a password is required")
                || err.contains("is not allowed to") || err.contains("is not in the sudoers file"))) {
            throw new SudoRefusedException(host.target());
        }
        return new CommandResult(checked, r.exitCode(), r.stdout(), r.stderr());
    }

    /** The file's bytes exactly (carried as base64, since command output is text). */
    @Override
    public byte[] readFile(Path path) throws IOException {
        String p = RemoteFiles.absolute(path);
        CommandResult r = run(List.of("base64", "--", p), host.options().commandTimeout());
        if (!r.isSuccess() && r.stderr().contains("No such file")) {
            throw new NoSuchFileException(p);
        }
        try {
            return Base64.getMimeDecoder().decode(r.requireSuccess().stdout());
        } catch (IllegalArgumentException e) {
            throw new IOException("base64 on " + name() + " printed something that is not base64", e);
        }
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return run(List.of("test", "-e", RemoteFiles.absolute(path)), host.options().commandTimeout()).isSuccess();
    }

    @Override
    public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
        write(path, content, mode, Optional.empty());
    }

    /** Like {@link #writeFile(Path, byte[], FileMode)}, owned by {@code owner} (and its primary group) before the rename. */
    void writeFile(Path path, byte[] content, FileMode mode, String owner) throws IOException {
        write(path, content, mode, Optional.of(RemoteFiles.checkOwner(owner)));
    }

    private void write(Path path, byte[] content, FileMode mode, Optional<String> owner) throws IOException {
        String p = RemoteFiles.absolute(path);
        String dir = path.getParent() == null ? "/" : path.getParent().toString();
        String mode8 = Integer.toOctalString(mode.bits());
        run(List.of("sh", "-c", WRITE, "sh", p, mode8, owner.orElse(""), dir, mode.isOwnerOnly() ? "1" : "0"),
                content, host.options().commandTimeout()).requireSuccess();
    }
}
