package dev.bulwark.ssh;

import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The front door of Bulwark's ssh module: static methods that lead to the rest (keys, authorized_keys, known_hosts, certificates, sshd_config, fail2ban, remote hosts).
 * Type {@code Ssh.} and press Tab in JShell to see what you can do.
 */
public final class Ssh {

    private Ssh() {
    }

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
}
