package dev.bulwark.examples.login;

import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The real OpenSSH client run from a lab namespace, with nothing of this machine's: no
 * {@code ~/.ssh/config} ({@code -F /dev/null}), no agent, only the given key, and a known_hosts
 * file trusting exactly the test-made host key. Whatever ssh asks (the key's passphrase, a
 * password) is answered by an askpass script printing one file ({@code SSH_ASKPASS_REQUIRE=force}),
 * as a person would type it.
 */
final class LabSsh {

    private final Path knownHosts;
    private final Path home;

    private LabSsh(Path knownHosts, Path home) {
        this.knownHosts = knownHosts;
        this.home = home;
    }

    /** A client trusting only {@code hostKeyPub} (an OpenSSH public key line) for every host. */
    static LabSsh trusting(String hostKeyPub, Path dir) throws IOException {
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, "* " + hostKeyPub.strip() + "\n");
        return new LabSsh(known, Files.createDirectories(dir.resolve("client-home")));
    }

    /** An askpass script that answers every question with the first line of {@code answerFile}. */
    static Path askpass(Path answerFile, Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec head -n 1 '" + answerFile.toString().replace("'", "'\\''") + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /**
     * Runs {@code ssh -p port [options] user@host true} in {@code from} with {@code key} as the only
     * identity and {@code askpass} answering; waits (ConnectTimeout 3 s) and returns the result.
     */
    NetworkNamespace.ProcessResult login(NetworkNamespace from, String user, String host, int port, Path key,
            Path askpass, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Tools.path("ssh"), "-F", "/dev/null",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=3", "-o", "ConnectionAttempts=1",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "IdentityFile=" + key,
                "-p", Integer.toString(port)));
        command.addAll(List.of(options));
        command.addAll(List.of("-l", user, host, "true"));
        return KitLab.run(from, List.of("HOME=" + home, "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force",
                "DISPLAY=none"), command);
    }
}
