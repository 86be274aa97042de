package dev.bulwark.ssh.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Logs in over a new connection, retrying while sshd restarts listening after a reload. Not API. */
final class Reconnect {

    private static final long RETRY_MILLIS = 250;

    private Reconnect() {
    }

    /** Empty when a new connection logged in and ran {@code true}; otherwise why it failed. */
    static Optional<String> tryLogin(SshConnector connector, SshTarget target, ConnectOptions options, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try (RemoteHost fresh = connector.connect(target, options)) {
                fresh.run(List.of("true"), options.commandTimeout()).requireSuccess();
                return Optional.empty();
            } catch (AuthenticationFailedException | HostKeyRejectedException e) {
                return Optional.of(e.getMessage());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return Optional.of(e.getMessage());
                }
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }
}
