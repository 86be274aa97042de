package dev.bulwark.ssh;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.agent.SshAgent;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.cert.KeyRevocationList;
import dev.bulwark.ssh.cert.KeyRevocationListBuilder;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.cert.SshCertificateBuilder;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdHardening;
import dev.bulwark.ssh.fail2ban.Fail2banConfig;
import dev.bulwark.ssh.fail2ban.SshdJail;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import dev.bulwark.ssh.remote.ConnectOptions;
import dev.bulwark.ssh.remote.Fleet;
import dev.bulwark.ssh.remote.HostKeyPolicy;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SafeSshdApply;
import dev.bulwark.ssh.remote.SshConnector;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The front door of Bulwark's ssh module: static methods that lead to the rest (keys, authorized_keys, known_hosts, certificates, sshd_config, fail2ban, SSH agents, remote hosts).
 * Type {@code Ssh.} and press Tab in JShell to see what you can do.
 *
 * <pre>{@code
 * SshKeyPair key = Ssh.generateKey().withComment("deploy@ci");
 * key.write(Path.of("/home/deploy/.ssh/id_ed25519"), passphrase);   // 0600 and .pub 0644
 * Ssh.readPublicKey(Path.of("id_ed25519.pub")).fingerprintSha256();
 * }</pre>
 */
public final class Ssh {

    private Ssh() {
    }

    // ---- keys (dev.bulwark.ssh.key) ----

    /** A new Ed25519 key pair, the recommended kind. */
    public static SshKeyPair generateKey() {
        return SshKeyPair.generate();
    }

    /** A new key pair of {@code type} ({@link SshKeyType#ED25519}, {@link SshKeyType#RSA}, …). */
    public static SshKeyPair generateKey(SshKeyType type) {
        return SshKeyPair.generate(type);
    }

    /**
     * Reads a private key file (OpenSSH, PEM or PKCS#8); {@code passphraseOrNull} stays the caller's to wipe.
     *
     * @throws IOException when the file cannot be read
     */
    public static SshKeyPair readKey(Path privateKeyFile, char[] passphraseOrNull) throws IOException {
        return SshKeyPair.read(privateKeyFile, passphraseOrNull);
    }

    /** Parses private key text (OpenSSH, PEM or PKCS#8). */
    public static SshKeyPair parseKey(String text, char[] passphraseOrNull) {
        return SshKeyPair.parse(text, passphraseOrNull);
    }

    /**
     * Reads a public key file (one-line, RFC 4716 or PEM).
     *
     * @throws IOException when the file cannot be read
     */
    public static SshPublicKey readPublicKey(Path file) throws IOException {
        return SshPublicKey.read(file);
    }

    /** Parses a public key (one-line, RFC 4716 or PEM). */
    public static SshPublicKey parsePublicKey(String text) {
        return SshPublicKey.parse(text);
    }

    // ---- certificates (dev.bulwark.ssh.cert) ----

    /** Starts a certificate for {@code subject} signed by {@code ca}, as {@code ssh-keygen -s}. */
    public static SshCertificateBuilder certificate(SshKeyPair ca, SshPublicKey subject) {
        return SshCertificate.builder(ca, subject);
    }

    /** Starts a key revocation list (KRL), as {@code ssh-keygen -k}, for sshd's {@code RevokedKeys}. */
    public static KeyRevocationListBuilder revocationList() {
        return KeyRevocationList.builder();
    }

    /**
     * Reads a {@code *-cert.pub} file.
     *
     * @throws IOException when the file cannot be read
     */
    public static SshCertificate readCertificate(Path file) throws IOException {
        return SshCertificate.read(file);
    }

    // ---- authorized_keys and known_hosts (dev.bulwark.ssh.authorized, dev.bulwark.ssh.knownhosts) ----

    /**
     * The authorized_keys file at {@code file}, parsed strictly; an empty file when it does not exist.
     * Edit it with {@code withKey}/{@code withoutComment}/..., save it with {@code write(file)}.
     *
     * @throws dev.bulwark.core.ParseException at the first line sshd could not use
     */
    public static AuthorizedKeys authorizedKeys(Path file) throws IOException {
        return Files.exists(file) ? AuthorizedKeys.read(file) : AuthorizedKeys.empty();
    }

    /**
     * The known_hosts file at {@code file}, parsed strictly; an empty file when it does not exist.
     * Check a server's key with {@code verify(host, port, key)}.
     *
     * @throws dev.bulwark.core.ParseException at the first line that is not a host key line
     */
    public static KnownHosts knownHosts(Path file) throws IOException {
        return Files.exists(file) ? KnownHosts.read(file) : KnownHosts.empty();
    }

    // ---- sshd_config and fail2ban (dev.bulwark.ssh.config, dev.bulwark.ssh.fail2ban) ----

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

    /**
     * Connects to {@code user@host:port} with a key, checking the host key against a known_hosts
     * file, through a connector shared by all calls of this method.
     *
     * @throws dev.bulwark.ssh.remote.HostKeyRejectedException when the host key is not listed or changed
     */
    public static RemoteHost connect(String user, String host, int port, SshKeyPair key, Path knownHosts)
            throws IOException {
        return connect(SshTarget.of(user, host, port),
                ConnectOptions.builder().key(key).hostKeys(HostKeyPolicy.knownHosts(knownHosts)).build());
    }

    /** Connects with full options, through a connector shared by all calls of this method. */
    public static RemoteHost connect(SshTarget target, ConnectOptions options) throws IOException {
        return SharedConnector.INSTANCE.connect(target, options);
    }

    /** Options for {@link #connect(SshTarget, ConnectOptions)} and fleets. */
    public static ConnectOptions.Builder connectOptions() {
        return ConnectOptions.builder();
    }

    /** A fleet runner over the shared connector ({@link Fleet}). */
    public static Fleet.Builder fleet(ConnectOptions options) {
        return Fleet.builder(SharedConnector.INSTANCE, options);
    }

    /** The connector shared by {@link #connect} and {@link #fleet}. */
    public static SshConnector connector() {
        return SharedConnector.INSTANCE;
    }

    /**
     * The SSH agent named by {@code SSH_AUTH_SOCK} ({@link SshAgent}); close it when done. To log in
     * with its keys, use {@code connectOptions().agentFromEnvironment()}.
     *
     * @throws dev.bulwark.ssh.agent.AgentException when {@code SSH_AUTH_SOCK} is unset or no agent listens there
     */
    public static SshAgent agent() throws IOException {
        return SshAgent.fromEnvironment();
    }

    /** A lockout-safe sshd change ({@link SafeSshdApply}). */
    public static SafeSshdApply.Builder safeSshdApply() {
        return SafeSshdApply.builder();
    }

    /** Holds the shared connector, created on first use. */
    private static final class SharedConnector {
        static final SshConnector INSTANCE = SshConnector.create();
    }
}
