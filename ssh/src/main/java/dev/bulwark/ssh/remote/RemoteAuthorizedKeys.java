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
 * <p>Another user's home is handled as that user would be allowed to: root (directly or through
 * sudo) runs the steps as the user ({@code runuser -u user}), and {@code ~/.ssh} and the file must
 * not be symbolic links and must be the user's (the file may be root's), as sshd's
 * {@code StrictModes} wants. A user who links {@code ~/.ssh} to a root-owned directory, or
 * {@code authorized_keys} to a root-only file, gets a refusal, never root's file.
 *
 * <pre>{@code
 * RemoteAuthorizedKeys keys = RemoteAuthorizedKeys.forUser(host, "deploy");
 * keys.deploy(newKey.publicKey());
 * }</pre>
 */
public final class RemoteAuthorizedKeys {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Reads ($1 = read) or replaces ($1 = write, content on stdin) the file $2 as the user running it,
     * never through a symbolic link: the directory and the file must not be links, must be owned by
     * this user (the file may be root's, as sshd allows) and the file must be a regular one. Exit 3:
     * no such file; exit 4: refused (the reason on stderr).
     */
    private static final String AS_USER = "f=$2; d=${f%/*}; me=$(id -u); "
            + "refuse() { printf 'bulwark: %s\\n' \"$1\" >&2; exit 4; }; "
            + "owned() { o=$(stat -c %u -- \"$1\") || exit 1; [ \"$o\" = \"$me\" ] || { [ \"$2\" = root-ok ] && [ \"$o\" = 0 ]; }; }; "
            + "if [ -L \"$d\" ]; then refuse \"$d is a symbolic link; refusing to follow it\"; fi; "
            + "if [ \"$1\" = write ] && [ ! -e \"$d\" ]; then mkdir -m 700 -- \"$d\" || exit 1; fi; "
            + "[ -e \"$d\" ] || exit 3; "
            + "if [ -L \"$d\" ] || [ ! -d \"$d\" ]; then refuse \"$d is not a directory\"; fi; "
            + "owned \"$d\" || refuse \"$d is not owned by $(id -un)\"; "
            + "if [ -L \"$f\" ]; then refuse \"$f is a symbolic link; refusing to follow it\"; fi; "
            + "if [ -e \"$f\" ] && [ ! -f \"$f\" ]; then refuse \"$f is not a regular file\"; fi; "
            + "if [ \"$1\" = read ]; then [ -e \"$f\" ] || exit 3; owned \"$f\" root-ok || refuse \"$f is owned by another user\";"
            + " exec cat -- \"$f\"; fi; "
            + "umask 077; chmod 700 -- \"$d\" || exit 1; t=$(mktemp \"$d/.authorized_keys.XXXXXXXXXX\") || exit 1; "
            + "if cat > \"$t\" && chmod 600 -- \"$t\" && mv -f -- \"$t\" \"$f\"; then exit 0; fi; rm -f -- \"$t\"; exit 1";

    private final Host host;
    private final Path file;
    private final String owner;
    /** Whether the host acts as another user than the owner (root, or root through sudo): then the file is handled as the owner. */
    private final boolean asOwner;

    private RemoteAuthorizedKeys(Host host, Path file, String owner, boolean asOwner) {
        this.host = Objects.requireNonNull(host, "host");
        this.file = Objects.requireNonNull(file, "file");
        this.owner = new SshTarget("localhost", 22, owner).user();
        this.asOwner = asOwner;
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
        String acting = host.run(List.of("id", "-un"), TIMEOUT).requireSuccess().stdout().strip();
        return new RemoteAuthorizedKeys(host, Path.of(fields[5], ".ssh", "authorized_keys"), checked, !acting.equals(checked));
    }

    /**
     * An authorized_keys file at an explicit path (such as one named by {@code AuthorizedKeysFile}),
     * owned by {@code owner}; read and written by the host's own user (for files outside a user's
     * home, such as root-owned central ones; use {@link #forUser} for a home directory).
     */
    public static RemoteAuthorizedKeys at(Host host, Path file, String owner) {
        return new RemoteAuthorizedKeys(host, file, owner, false);
    }

    /** The file's path on the host. */
    public Path file() {
        return file;
    }

    /**
     * The file as it is now (empty when it does not exist); unparsable lines are kept.
     *
     * @throws IOException when, read as the owner, {@code ~/.ssh} or the file is a symbolic link, is
     *                     owned by someone else, or is no directory or regular file
     */
    public AuthorizedKeys read() throws IOException {
        if (asOwner) {
            CommandResult r = asOwner("read", new byte[0]);
            if (r.exitCode() == 3) {
                return AuthorizedKeys.empty();
            }
            return AuthorizedKeys.parseLenient(r.stdout(), host.name() + ":" + file).value();
        }
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
        if (!asOwner) {
            Path dir = file.getParent();
            String script = "install -d -m 700 -o \"$1\" -g \"$(id -g \"$1\")\" -- \"$2\"";
            host.run(List.of("sh", "-c", script, "sh", owner, dir.toString()), TIMEOUT).requireSuccess();
        }
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

    /** Runs {@link #AS_USER} as the owner ({@code runuser}, from root), never following a link. */
    private CommandResult asOwner(String action, byte[] stdin) throws IOException {
        CommandResult r = host.run(List.of("runuser", "-u", owner, "--", "sh", "-c", AS_USER, "sh", action, file.toString()),
                stdin, TIMEOUT);
        if (r.exitCode() == 4) {
            throw new IOException("refusing to " + action + " " + host.name() + ":" + file + " as " + owner + ": "
                    + r.stderr().strip().replaceFirst("^bulwark: ", ""));
        }
        if (r.exitCode() != 3) {
            r.requireSuccess();
        }
        return r;
    }

    private void write(AuthorizedKeys keys) throws IOException {
        byte[] bytes = keys.render().getBytes(StandardCharsets.UTF_8);
        if (asOwner) {
            asOwner("write", bytes);
            return;
        }
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
