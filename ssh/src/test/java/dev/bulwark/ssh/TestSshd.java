package dev.bulwark.ssh;

import dev.bulwark.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real OpenSSH server for tests: {@code sshd -D -e} on a free loopback port with its own host
 * key and a config in a temporary directory ({@code StrictModes no}, no PAM, no passwords;
 * {@code AuthorizedKeysFile} and {@code TrustedUserCAKeys} point at files of the directory).
 * Sessions get {@code HOME=dir/session-home}, an empty directory, so the machine's own shell
 * start-up files (bash reads {@code ~/.bashrc} for every command sshd runs; a root that runs
 * {@code pyenv init} there takes seconds per command under load) neither slow nor change what
 * tests run; programs that look a home up with {@code getent passwd} still find the real one.
 * Needs root (sshd must be able to switch users) and {@code @RequiresTool({"sshd", "ssh", "ssh-keygen"})}.
 *
 * <pre>{@code
 * try (TestSshd sshd = TestSshd.start(tempDir)) {
 *     Files.writeString(sshd.authorizedKeysFile(), pair.publicKey().toOpenSsh() + "\n");
 *     assertThat(sshd.login(keyFile).exitCode()).isZero();
 * }
 * }</pre>
 */
public final class TestSshd implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;
    /** The longest {@link #awaitLog} waits for a log line. */
    static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private final List<String> log = new ArrayList<>();
    private final Path knownHosts;

    private TestSshd(Path dir, int port, Process process, Path knownHosts) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.knownHosts = knownHosts;
    }

    /**
     * Starts sshd with the configuration of the class description plus {@code extraConfig} lines.
     * The host key is {@code dir/ssh_host_ed25519_key} (and {@code .pub}): made by ssh-keygen
     * unless the test has put one there (e.g. to certify it first).
     */
    public static TestSshd start(Path dir, String... extraConfig) throws IOException {
        return start(dir, false, extraConfig);
    }

    /**
     * Like {@link #start(Path, String...)}, with {@code StrictModes yes} when {@code strictModes}
     * (sshd then checks the modes and owners of the authorized_keys file and its directories).
     */
    public static TestSshd start(Path dir, boolean strictModes, String... extraConfig) throws IOException {
        return start(dir, strictModes, false, extraConfig);
    }

    /**
     * Like {@link #start(Path, String...)}, with {@link #homeAuthorizedKeysFile()} as a second
     * {@code AuthorizedKeysFile}, for tests that deploy keys the way a user's ~/.ssh is set up.
     */
    public static TestSshd startWithHomeKeys(Path dir, String... extraConfig) throws IOException {
        return start(dir, false, true, extraConfig);
    }

    private static TestSshd start(Path dir, boolean strictModes, boolean homeKeys, String... extraConfig)
            throws IOException {
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = hostKeyFile(dir);
        if (!Files.exists(hostKey)) {
            ToolRun.run(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()).ok();
        }
        int port = freePort();
        Path known = dir.resolve("known_hosts");
        String hostPub = Files.readString(Path.of(hostKey + ".pub")).strip();
        Files.writeString(known, "[127.0.0.1]:" + port + " " + hostPub + "\n");
        for (String file : List.of("authorized_keys", "trusted_user_ca_keys")) {
            if (!Files.exists(dir.resolve(file))) {
                Files.writeString(dir.resolve(file), "");
            }
        }
        Path sessionHome = Files.createDirectories(dir.resolve("session-home"));
        List<String> config = new ArrayList<>(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys")
                        + (homeKeys ? " " + dir.resolve("home/.ssh/authorized_keys") : ""),
                "TrustedUserCAKeys " + dir.resolve("trusted_user_ca_keys"),
                strictModes ? "StrictModes yes" : "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "SetEnv HOME=" + sessionHome,
                "LogLevel VERBOSE"));
        config.addAll(List.of(extraConfig));
        Path configFile = dir.resolve("sshd_config");
        Files.writeString(configFile, String.join("\n", config) + "\n");
        Process p = new ProcessBuilder(Tools.path("sshd"), "-D", "-e", "-f", configFile.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        TestSshd sshd = new TestSshd(dir, port, p, known);
        sshd.awaitListening();
        return sshd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws IOException {
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.add(line);
                        log.notifyAll();
                    }
                    if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.complete(false);
        }, "sshd-log-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!listening.get(30, TimeUnit.SECONDS)) {
                throw new IOException("sshd exited before listening: " + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for sshd", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IOException("sshd did not start listening: " + log(), e);
        }
    }

    /** Where {@link #start} takes the host private key from ({@code dir/ssh_host_ed25519_key}). */
    public static Path hostKeyFile(Path dir) {
        return dir.resolve("ssh_host_ed25519_key");
    }

    /** The loopback port sshd listens on. */
    public int port() {
        return port;
    }

    /** The file sshd reads as {@code AuthorizedKeysFile} (initially empty). */
    public Path authorizedKeysFile() {
        return dir.resolve("authorized_keys");
    }

    /**
     * The second {@code AuthorizedKeysFile} of {@link #startWithHomeKeys}, {@code dir/home/.ssh/authorized_keys}:
     * absent at first, for tests that create it (and its directory) the way a user's {@code ~/.ssh/authorized_keys} is.
     */
    public Path homeAuthorizedKeysFile() {
        return dir.resolve("home/.ssh/authorized_keys");
    }

    /** The configuration file sshd was started with ({@code dir/sshd_config}); tests may rewrite it and {@link #reload()}. */
    public Path configFile() {
        return dir.resolve("sshd_config");
    }

    /** The file sshd writes its process id to. */
    public Path pidFile() {
        return dir.resolve("sshd.pid");
    }

    /** The server's host public key. */
    public Path hostPublicKeyFile() {
        return Path.of(hostKeyFile(dir) + ".pub");
    }

    /**
     * A command that makes this sshd re-read its configuration: SIGHUP to the pid in its pid file
     * (sshd then re-executes itself and listens again on the configured port).
     */
    public List<String> reloadCommand() {
        return List.of("sh", "-c", "kill -HUP \"$(cat " + pidFile() + ")\"");
    }

    /** The file sshd reads as {@code TrustedUserCAKeys} (initially empty). */
    public Path trustedUserCaKeysFile() {
        return dir.resolve("trusted_user_ca_keys");
    }

    /** A known_hosts file that holds this server's host key, for StrictHostKeyChecking. */
    public Path knownHostsFile() {
        return knownHosts;
    }

    /** The user tests log in as: the user running the JVM. */
    public static String user() {
        return System.getProperty("user.name");
    }

    /** Runs {@code ssh … user@127.0.0.1 true} with only {@code identity} (and {@code certificate} unless null). */
    public ToolRun login(Path identity, Path certificate) {
        List<String> command = new ArrayList<>(List.of(Tools.path("ssh"), "-F", "/dev/null",
                "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=20", "-p", Integer.toString(port)));
        if (certificate != null) {
            command.addAll(List.of("-o", "CertificateFile=" + certificate));
        }
        command.addAll(List.of(user() + "@127.0.0.1", "true"));
        return ToolRun.run(command);
    }

    /**
     * Waits until sshd's log contains {@code fragment} (sshd writes an authentication result after the
     * client has already seen it), at most {@link #LOG_WAIT}; returns the log either way, for the assertion.
     */
    public String awaitLog(String fragment) {
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        synchronized (log) {
            while (!String.join("\n", log).contains(fragment)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    log.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return String.join("\n", log);
        }
    }

    /** Everything sshd has logged so far. */
    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** Stops sshd (the process this fixture started). */
    @Override
    public void close() {
        ToolRun.stop(process);
    }
}
