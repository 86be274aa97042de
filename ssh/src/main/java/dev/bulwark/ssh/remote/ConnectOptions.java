package dev.bulwark.ssh.remote;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.host.OutputCapture;
import dev.bulwark.ssh.agent.AgentException;
import dev.bulwark.ssh.agent.SshAgent;
import dev.bulwark.ssh.key.SshKeyPair;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to connect and log in: the keys to offer (and an SSH agent whose keys are offered after
 * them), how host keys are checked, timeouts, keepalive, the number of concurrent channels and
 * whether privileged steps use {@code sudo -n}, and how much output a command may write. Immutable; made with {@link #builder()}.
 * {@code toString()} names key fingerprints and the agent's socket only.
 */
public final class ConnectOptions {

    private final List<SshKeyPair> keys;
    private final Path agent;
    private final HostKeyPolicy hostKeys;
    private final Duration connectTimeout;
    private final Duration authTimeout;
    private final Duration commandTimeout;
    private final Duration keepAlive;
    private final int maxSessions;
    private final boolean sudo;
    private final long outputLimit;

    private ConnectOptions(Builder b) {
        this.outputLimit = b.outputLimit;
        this.keys = List.copyOf(b.keys);
        this.agent = b.agent;
        this.hostKeys = b.hostKeys;
        this.connectTimeout = b.connectTimeout;
        this.authTimeout = b.authTimeout;
        this.commandTimeout = b.commandTimeout;
        this.keepAlive = b.keepAlive;
        this.maxSessions = b.maxSessions;
        this.sudo = b.sudo;
    }

    /**
     * A builder; {@link Builder#hostKeys} is required, and a key ({@link Builder#key}, {@link Builder#keyFile})
     * or an agent ({@link Builder#agent}).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with this object's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keys.addAll(keys);
        b.agent = agent;
        b.hostKeys = hostKeys;
        b.connectTimeout = connectTimeout;
        b.authTimeout = authTimeout;
        b.commandTimeout = commandTimeout;
        b.keepAlive = keepAlive;
        b.maxSessions = maxSessions;
        b.sudo = sudo;
        b.outputLimit = outputLimit;
        return b;
    }

    /** The keys offered, in order. */
    public List<SshKeyPair> keys() {
        return keys;
    }

    /** The socket of the SSH agent whose keys are offered after {@link #keys()}; empty when no agent is used. */
    public Optional<Path> agent() {
        return Optional.ofNullable(agent);
    }

    /** How the server's host key is checked. */
    public HostKeyPolicy hostKeys() {
        return hostKeys;
    }

    /** How long the TCP connection may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long any reply from the server (key exchange, authentication, channel opening) may take. */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** The timeout of operations that take none (file transfers, the operations of this package). */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** The keepalive interval; zero when off. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** How many channels (commands, SFTP sessions) may be open at once on one connection. */
    public int maxSessions() {
        return maxSessions;
    }

    /** Whether privileged steps run through {@code sudo -n}. */
    public boolean sudo() {
        return sudo;
    }

    /** How many bytes of each of a command's stdout and stderr are kept. */
    public long outputLimit() {
        return outputLimit;
    }

    @Override
    public String toString() {
        List<String> fps = new ArrayList<>();
        keys.forEach(k -> fps.add(k.publicKey().fingerprintSha256()));
        return "ConnectOptions[keys=" + fps + (agent == null ? "" : ", agent=" + agent) + ", hostKeys="
                + hostKeys.getClass().getSimpleName() + ", connectTimeout="
                + connectTimeout + ", authTimeout=" + authTimeout + ", commandTimeout=" + commandTimeout
                + ", keepAlive=" + keepAlive + ", maxSessions=" + maxSessions + ", sudo=" + sudo
                + ", outputLimit=" + outputLimit + "]";
    }

    /** Builds {@link ConnectOptions}; {@link #build()} checks that a key or an agent, and a host key policy were given. */
    public static final class Builder {
        private final List<SshKeyPair> keys = new ArrayList<>();
        private Path agent;
        private HostKeyPolicy hostKeys;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration authTimeout = Duration.ofSeconds(20);
        private Duration commandTimeout = Duration.ofSeconds(60);
        private Duration keepAlive = Duration.ofSeconds(30);
        private int maxSessions = 10;
        private boolean sudo;
        private long outputLimit = OutputCapture.DEFAULT_LIMIT;

        private Builder() {
        }

        /**
         * Offers this key (no default; at least one key or an {@link #agent} is required). Explicit
         * keys are offered before agent keys.
         */
        public Builder key(SshKeyPair key) {
            keys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * Reads a private key file now (OpenSSH, PKCS#8 or PEM; encrypted ones need the passphrase)
         * and offers it. The passphrase array is wiped before this returns.
         *
         * @param passphraseOrNull the passphrase, or null for an unencrypted file
         */
        public Builder keyFile(Path file, char[] passphraseOrNull) throws IOException {
            try {
                keys.add(SshKeyPair.read(file, passphraseOrNull));
            } finally {
                if (passphraseOrNull != null) {
                    Arrays.fill(passphraseOrNull, '\0');
                }
            }
            return this;
        }

        /**
         * Offers the keys of the SSH agent listening on {@code socket} after the explicit keys (default:
         * no agent). The agent is asked for its keys at each connection; RSA keys sign with rsa-sha2-512.
         */
        public Builder agent(Path socket) {
            this.agent = Objects.requireNonNull(socket, "socket");
            return this;
        }

        /**
         * {@link #agent(Path)} with the socket named by the {@code SSH_AUTH_SOCK} environment variable.
         *
         * @throws AgentException when {@code SSH_AUTH_SOCK} is unset or empty
         */
        public Builder agentFromEnvironment() throws AgentException {
            return agent(SshAgent.socketFromEnvironment(System.getenv()));
        }

        /** How host keys are checked (no default: the caller must choose). */
        public Builder hostKeys(HostKeyPolicy policy) {
            this.hostKeys = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** TCP connect timeout; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Timeout of each reply during key exchange, authentication and channel opening; default 20 s. */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = positive(timeout, "authTimeout");
            return this;
        }

        /** Timeout of the operations of this package that take none; default 60 s. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        /** Keepalive interval (whole seconds), {@link Duration#ZERO} for none; default 30 s. */
        public Builder keepAlive(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new ValidationException("keepAlive must not be negative");
            }
            this.keepAlive = interval;
            return this;
        }

        /** Channels open at once per connection, at most the server's MaxSessions; default 10 (sshd's default). */
        public Builder maxSessions(int sessions) {
            if (sessions < 1) {
                throw new ValidationException("maxSessions must be at least 1, not " + sessions);
            }
            this.maxSessions = sessions;
            return this;
        }

        /** Whether privileged steps (reading and writing system files, sshd) use {@code sudo -n}; default false. */
        public Builder sudo(boolean useSudo) {
            this.sudo = useSudo;
            return this;
        }

        /**
         * How many bytes of each of a command's stdout and stderr are kept; default 64 MiB
         * ({@link OutputCapture#DEFAULT_LIMIT}). A command that writes more is killed at once (with
         * its process group) and {@link dev.bulwark.core.host.CommandOutputTooLargeException} is thrown.
         */
        public Builder outputLimit(long bytes) {
            if (bytes < 1) {
                throw new ValidationException("outputLimit must be at least 1 byte, not " + bytes);
            }
            this.outputLimit = bytes;
            return this;
        }

        /**
         * The options.
         *
         * @throws ValidationException when neither a key nor an agent, or no host key policy was given
         */
        public ConnectOptions build() {
            if (keys.isEmpty() && agent == null) {
                throw new ValidationException("keys: give at least one key (key or keyFile) or an agent");
            }
            if (hostKeys == null) {
                throw new ValidationException("hostKeys: choose a host key policy (knownHosts, pinned or trustOnFirstUse)");
            }
            return new ConnectOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new ValidationException(name + " must be positive, not " + d);
            }
            return d;
        }
    }
}
