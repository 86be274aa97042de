package dev.bulwark.ssh.remote;

/**
 * {@code sudo -n} refused a privileged step because it would have asked for a password (the login
 * user has no {@code NOPASSWD} rights, or none at all). Bulwark never types passwords into sudo:
 * the fix is a sudoers rule, or connecting as root.
 */
public final class SudoRefusedException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    SudoRefusedException(SshTarget target) {
        super("sudo -n as " + target.user() + " on " + target.host() + ":" + target.port() + " refused to run a"
                + " privileged step without a password: privileged steps need NOPASSWD rights in sudoers (such as '"
                + target.user() + " ALL=(root) NOPASSWD: ALL' in a file of /etc/sudoers.d), or connect as root");
    }
}
