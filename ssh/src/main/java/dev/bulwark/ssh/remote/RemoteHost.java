package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.CommandTimeoutException;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;

/**
 * A server reached over SSH, as a core {@link Host}: commands run through the remote user's
 * POSIX shell with every argument quoted ({@link ShellQuoting}) and {@code LC_ALL=C}; files move
 * over SFTP, written atomically (a temporary file created with the mode, then renamed over the
 * target). At most {@link ConnectOptions#maxSessions()} channels are open at once; callers beyond
 * that wait. Thread-safe. Made by {@link SshConnector#connect}; close it when done.
 *
 * <p>A command that outlives its timeout is killed with everything it started (its process group,
 * over a second channel; as root for privileged steps) before {@code CommandTimeoutException} is
 * thrown; what left the group on purpose (a daemon that called {@code setsid}) is not reached. {@link #privileged()} gives
 * the same host with {@code sudo -n} in front of every step when the options ask for sudo; a user
 * without {@code NOPASSWD} rights then gets {@link SudoRefusedException} at once, never a prompt.
 */
public final class RemoteHost implements Host, AutoCloseable {

    private final SSHClient client;
    private final SshTarget target;
    private final ConnectOptions options;
    private final SshPublicKey hostKey;
    private final Optional<SshPublicKey> acceptedOnFirstUse;
    private final Semaphore channels;
    private final RemoteFiles files;
    private final RemoteCommands commands;
    private final List<String> keyAlgorithms;

    RemoteHost(SSHClient client, SshTarget target, ConnectOptions options, SshPublicKey hostKey,
               Optional<SshPublicKey> acceptedOnFirstUse, List<String> keyAlgorithms) {
        this.client = client;
        this.target = target;
        this.options = options;
        this.hostKey = hostKey;
        this.acceptedOnFirstUse = acceptedOnFirstUse;
        this.channels = new Semaphore(options.maxSessions(), true);
        this.files = new RemoteFiles(this);
        this.commands = new RemoteCommands(this);
        this.keyAlgorithms = keyAlgorithms;
    }

    /** The public key algorithms of the keys offered at login (for the lockout checks). */
    List<String> keyAlgorithms() {
        return keyAlgorithms;
    }

    /** {@code host:port}. */
    @Override
    public String name() {
        return target.host() + ":" + target.port();
    }

    /** Where this connection goes. */
    public SshTarget target() {
        return target;
    }

    /** The options it was made with. */
    public ConnectOptions options() {
        return options;
    }

    /** The server's host key (verified by the options' policy). */
    public SshPublicKey hostKey() {
        return hostKey;
    }

    /**
     * The host key accepted by trust-on-first-use, to be added to known_hosts by the caller; empty
     * when the key was already trusted.
     */
    public Optional<SshPublicKey> acceptedHostKey() {
        return acceptedOnFirstUse;
    }

    /** Whether the connection is still up. */
    public boolean isConnected() {
        return client.isConnected() && client.isAuthenticated();
    }

    /**
     * This host for privileged steps: with {@code sudo -n} in front of commands and file operations
     * when {@link ConnectOptions#sudo()} is set and the user is not root; otherwise this host itself.
     * Through sudo, commands run as root in the C locale, files are read byte for byte and written
     * atomically by root; every step throws {@link SudoRefusedException} when sudo wants a password.
     */
    public Host privileged() {
        return options.sudo() && !target.user().equals("root") ? new SudoHost(this) : this;
    }

    @Override
    public CommandResult run(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        CommandResult r = exec(command, stdin, timeout);
        if (r.exitCode() == 127 && r.stderr().contains("not found")) {
            throw new CommandNotFoundException(r.command().get(0), "not found by the remote shell on " + name());
        }
        return r;
    }

    /** Runs a command like {@link #run(List, byte[], Duration)}, leaving exit status 127 to the caller. */
    CommandResult exec(List<String> command, byte[] stdin, Duration timeout) throws IOException {
        return commands.exec(command, stdin, timeout, List.of());
    }

    /** Like {@link #exec(List, byte[], Duration)} for a command that runs as root through {@code killVia} (sudo). */
    CommandResult exec(List<String> command, byte[] stdin, Duration timeout, List<String> killVia) throws IOException {
        return commands.exec(command, stdin, timeout, killVia);
    }

    void acquire(Duration timeout, List<String> what) throws IOException {
        try {
            if (!channels.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CommandTimeoutException(what, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a channel to " + name());
        }
    }

    void release() {
        channels.release();
    }

    SSHClient client() {
        return client;
    }

    @Override
    public byte[] readFile(Path path) throws IOException {
        return files.read(path);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        return files.exists(path);
    }

    @Override
    public void writeFile(Path path, byte[] content, FileMode mode) throws IOException {
        files.write(path, content, mode, Optional.empty());
    }

    /**
     * Like {@link #writeFile(Path, byte[], FileMode)}, and the file is owned by {@code owner} (a user
     * name; its primary group becomes the group) before it is renamed into place. Changing the
     * owner needs root.
     */
    public void writeFile(Path path, byte[] content, FileMode mode, String owner) throws IOException {
        files.write(path, content, mode, Optional.of(owner));
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        client.close();
    }

    @Override
    public String toString() {
        return "RemoteHost[" + target + ", host key " + hostKey.fingerprintSha256() + "]";
    }
}
