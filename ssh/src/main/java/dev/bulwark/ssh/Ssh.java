package dev.bulwark.ssh;

/**
 * The front door of Bulwark's ssh module: static methods that lead to the rest (keys, authorized_keys, known_hosts, certificates, sshd_config, fail2ban, remote hosts).
 * Type {@code Ssh.} and press Tab in JShell to see what you can do.
 */
public final class Ssh {

    private Ssh() {
    }
}
