package dev.bulwark.ssh.fail2ban;

/** How fail2ban reads the log: {@code backend} in jail.conf(5). */
public enum Backend {
    /** Pick pyinotify, then polling (log files). */
    AUTO("auto"),
    /** The systemd journal (Debian 12 has no /var/log/auth.log without rsyslog). */
    SYSTEMD("systemd"),
    /** Poll log files. */
    POLLING("polling"),
    /** inotify on log files. */
    PYINOTIFY("pyinotify");

    private final String wireName;

    Backend(String wireName) {
        this.wireName = wireName;
    }

    /** The value as written in jail.local. */
    public String wireName() {
        return wireName;
    }
}
