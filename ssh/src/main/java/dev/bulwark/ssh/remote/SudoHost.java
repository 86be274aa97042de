package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link RemoteHost} seen through {@code sudo -n}: commands run as root, files are read with
 * {@code cat} and written by uploading to a private temporary file and moving it into place as
 * root. Not API.
 */
final class SudoHost implements Host {

    private static final List<String> SUDO = List.of("sudo", "-n", "--");
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
        CommandResult r = host.run(RemoteHost.concat(SUDO, command), stdin, timeout);
        return new CommandResult(command, r.exitCode(), r.stdout(), r.stderr());
    }

    @Override
    public byte[] readFile(Path path) throws IOException {
        String p = RemoteFiles.absolute(path);
        CommandResult r = run(List.of("cat", "--", p), host.options().commandTimeout());
        if (!r.isSuccess() && r.stderr().contains("No such file")) {
            throw new NoSuchFileException(p);
        }
        return r.requireSuccess().stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return run(List.of("test", "-e", RemoteFiles.absolute(path)), host.options().commandTimeout()).isSuccess();
    }

    @Override
    public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
        String p = RemoteFiles.absolute(path);
        String mode8 = Integer.toOctalString(mode.bits());
        // The content goes on stdin to a root shell that writes a temporary file beside the target, then renames it.
        String script = "umask 077; t=$(mktemp \"$(dirname -- \"$1\")/.bulwark.XXXXXXXX\") || exit 1; "
                + "cat > \"$t\" && chmod \"$2\" \"$t\" && mv -f -- \"$t\" \"$1\" || { rm -f -- \"$t\"; exit 1; }";
        run(List.of("sh", "-c", script, "sh", p, mode8), content, host.options().commandTimeout()).requireSuccess();
    }
}
