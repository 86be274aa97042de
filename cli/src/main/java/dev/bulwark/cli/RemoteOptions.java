package dev.bulwark.cli;

import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.WrongPassphraseException;
import dev.bulwark.ssh.remote.ConnectOptions;
import dev.bulwark.ssh.remote.HostKeyPolicy;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshConnector;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --target user@host[:port]} and how to log in there: keys ({@code --identity}) or the
 * ssh-agent of {@code SSH_AUTH_SOCK}, host keys checked strictly against known_hosts (or one
 * pinned fingerprint), privileged steps through {@code sudo -n}.
 */
public final class RemoteOptions {

    @Option(names = "--target", paramLabel = "USER@HOST[:PORT]",
            description = "Audit this server over SSH instead of this machine.")
    private String target;

    @Option(names = {"-i", "--identity"}, paramLabel = "FILE",
            description = "A private key to log in with (repeatable; OpenSSH, PKCS#8 or PEM, encrypted or not); the"
                    + " passphrase of an encrypted one from --identity-passphrase-env, --passphrase-env or"
                    + " --passphrase-file, else asked on the terminal. Without it, the ssh-agent of SSH_AUTH_SOCK.")
    private List<Path> identities = new ArrayList<>();

    @Option(names = "--identity-passphrase-env", paramLabel = "VAR",
            description = "Read the passphrase of the --identity keys from the environment variable VAR.")
    private String identityPassphraseEnv;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "The known_hosts file that must list the server's key (default: ~/.ssh/known_hosts).")
    private Path knownHosts;

    @Option(names = "--host-key", paramLabel = "SHA256:...",
            description = "Trust only the host key with this fingerprint (as ssh-keygen -l prints it) instead of known_hosts.")
    private String pinned;

    @Option(names = "--sudo", description = "Run the audit's commands through sudo -n when the user is not root.")
    private boolean sudo;

    @Mixin
    private PassphraseOptions passphrase;

    /** The passphrase read for the first encrypted key, kept for the others; wiped by {@link #wipe()}. */
    private char[] identityPassphrase;
    private String identitySource;

    /** The target, when one was given. */
    public Optional<SshTarget> target() {
        return Optional.ofNullable(target).map(Target::parse);
    }

    /**
     * Connects to the target; the caller closes the host.
     *
     * @throws ConnectionException when the server cannot be reached or refuses the login or its host key
     */
    public RemoteHost connect(SshTarget to, PrintWriter err) throws IOException {
        ConnectOptions.Builder options = ConnectOptions.builder().sudo(sudo);
        if (pinned != null) {
            options.hostKeys(HostKeyPolicy.pinned(pinned));
        } else {
            Path file = knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
            if (!Files.exists(file)) {
                throw new UsageException("no known_hosts file " + file + ": give --known-hosts FILE listing " + to.host()
                        + "'s key, or --host-key SHA256:... (bulwark never trusts an unknown host key)");
            }
            options.hostKeys(HostKeyPolicy.knownHosts(file));
        }
        try {
            for (Path identity : identities) {
                options.key(readKey(identity));
            }
        } finally {
            wipe();
        }
        if (identities.isEmpty()) {
            if (System.getenv("SSH_AUTH_SOCK") == null) {
                throw new UsageException("no key to log in with: give --identity FILE or start an ssh-agent (SSH_AUTH_SOCK)");
            }
            options.agentFromEnvironment();
        }
        try (Progress p = Progress.start(err, "connecting to " + to)) {
            return SshConnector.create().connect(to, options.build());
        } catch (IOException e) {
            throw new ConnectionException("cannot log in to " + to + ": " + Errors.oneLine(e.getMessage()), e);
        }
    }

    private SshKeyPair readKey(Path file) throws IOException {
        try {
            return SshKeyPair.read(file, null);
        } catch (WrongPassphraseException encrypted) {
            if (identityPassphrase != null) {
                // one passphrase serves every encrypted key; it was read once
                return decrypt(file, identityPassphrase, identitySource);
            }
            char[] secret;
            if (identityPassphraseEnv != null) {
                secret = PassphraseOptions.fromEnvironment(identityPassphraseEnv, "--identity-passphrase-env");
                identitySource = "the environment variable " + identityPassphraseEnv;
            } else {
                secret = passphrase.read("the key " + file, false);
                identitySource = passphrase.source();
            }
            identityPassphrase = secret;
            return decrypt(file, secret, identitySource);
        }
    }

    private static SshKeyPair decrypt(Path file, char[] secret, String source) throws IOException {
        try {
            return SshKeyPair.read(file, secret);
        } catch (WrongPassphraseException wrong) {
            throw new UsageException("--identity " + Errors.oneLine(file.toString()) + ": wrong passphrase (from "
                    + Errors.oneLine(source) + ")");
        }
    }

    /** Wipes the identity passphrase, once the keys are read. */
    private void wipe() {
        if (identityPassphrase != null) {
            Arrays.fill(identityPassphrase, '\0');
            identityPassphrase = null;
        }
    }
}
