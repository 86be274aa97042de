package dev.bulwark.ssh.remote;

import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.authorized.AuthorizedKey;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user's authorized_keys file on a host: list it with fingerprints, deploy a key (idempotently)
 * and remove one. Deploying creates the directory with mode 0700 and the file with mode 0600,
 * both owned by the user, as sshd's {@code StrictModes} requires; other lines (options, comments,
 * lines Bulwark cannot parse) are kept as they are. Writing another user's file needs root, so pass
 * {@link RemoteHost#privileged()} when logged in as someone else.
 *
 * <pre>{@code
 * RemoteAuthorizedKeys keys = RemoteAuthorizedKeys.forUser(host, "deploy");
 * keys.deploy(newKey.publicKey());
 * }</pre>
 */
public final class RemoteAuthorizedKeys {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Host host;
    private final Path file;
    private final String owner;

    private RemoteAuthorizedKeys(Host host, Path file, String owner) {
        this.host = Objects.requireNonNull(host, "host");
        this.file = Objects.requireNonNull(file, "file");
        this.owner = new SshTarget("localhost", 22, owner).user();
        RemoteFiles.absolute(file);
    }

    /** {@code ~user/.ssh/authorized_keys}, the home directory looked up on the host with {@code getent passwd}. */
    public static RemoteAuthorizedKeys forUser(Host host, String user) throws IOException {
        String checked = new SshTarget("localhost", 22, user).user();
        CommandResult r = host.run(List.of("getent", "passwd", checked), TIMEOUT);
        String[] fields = r.stdout().strip().split(":", -1);
        if (!r.isSuccess() || fields.length < 7 || !fields[5].startsWith("/")) {
            throw new IOException("no user " + checked + " with a home directory on " + host.name());
        }
        return new RemoteAuthorizedKeys(host, Path.of(fields[5], ".ssh", "authorized_keys"), checked);
    }

    /** An authorized_keys file at an explicit path (such as one named by {@code AuthorizedKeysFile}), owned by {@code owner}. */
    public static RemoteAuthorizedKeys at(Host host, Path file, String owner) {
        return new RemoteAuthorizedKeys(host, file, owner);
    }

    /** The file's path on the host. */
    public Path file() {
        return file;
    }

    /** The file as it is now (empty when it does not exist); unparsable lines are kept. */
    public AuthorizedKeys read() throws IOException {
        try {
            String text = new String(host.readFile(file), StandardCharsets.UTF_8);
            return AuthorizedKeys.parseLenient(text, host.name() + ":" + file).value();
        } catch (NoSuchFileException e) {
            return AuthorizedKeys.empty();
        }
    }

    /** The keys listed, in order. */
    public List<AuthorizedKey> list() throws IOException {
        return read().keys();
    }

    /** The SHA256 fingerprints of the keys listed, in order. */
    public List<String> fingerprints() throws IOException {
        List<String> out = new ArrayList<>();
        for (AuthorizedKey k : list()) {
            out.add(k.key().fingerprintSha256());
        }
        return out;
    }

    /**
     * Adds the key unless it is listed already.
     *
     * @return whether the file changed
     */
    public boolean deploy(SshPublicKey key) throws IOException {
        AuthorizedKeys before = read();
        AuthorizedKeys after = before.withKey(key);
        if (before.find(key).isPresent()) {
            return false;
        }
        Path dir = file.getParent();
        String script = "install -d -m 700 -o \"$1\" -g \"$(id -g \"$1\")\" -- \"$2\"";
        host.run(List.of("sh", "-c", script, "sh", owner, dir.toString()), TIMEOUT).requireSuccess();
        write(after);
        return true;
    }

    /**
     * Removes every line of the key.
     *
     * @return whether the file changed
     */
    public boolean remove(SshPublicKey key) throws IOException {
        AuthorizedKeys before = read();
        if (before.find(key).isEmpty()) {
            return false;
        }
        write(before.without(key));
        return true;
    }

    private void write(AuthorizedKeys keys) throws IOException {
        byte[] bytes = keys.render().getBytes(StandardCharsets.UTF_8);
        if (host instanceof RemoteHost) {
            RemoteHost remote = (RemoteHost) host;
            if (remote.target().user().equals(owner)) {
                remote.writeFile(file, bytes, FileMode.SECRET);
            } else {
                remote.writeFile(file, bytes, FileMode.SECRET, owner);
            }
            return;
        }
        if (host instanceof SudoHost) {
            ((SudoHost) host).writeFile(file, bytes, FileMode.SECRET, owner);
            return;
        }
        host.writeFile(file, bytes, FileMode.SECRET);
        host.run(List.of("sh", "-c", "chown \"$1\":\"$(id -g \"$1\")\" -- \"$2\"", "sh", owner, file.toString()), TIMEOUT)
                .requireSuccess();
    }

    @Override
    public String toString() {
        return "RemoteAuthorizedKeys[" + host.name() + ":" + file + " of " + owner + "]";
    }
}
