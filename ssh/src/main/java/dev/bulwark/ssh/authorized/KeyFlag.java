package dev.bulwark.ssh.authorized;

import java.util.Locale;
import java.util.Optional;

/**
 * The authorized_keys options without a value ({@code restrict}, {@code no-pty}, {@code pty}, ...),
 * with their wire names; keywords are case-insensitive in the file, as sshd reads them.
 */
public enum KeyFlag implements AuthorizedKeyOption {
    /** Enables every restriction (no forwarding, no pty, no ~/.ssh/rc). */
    RESTRICT("restrict"),
    /** The key is a CA trusted to sign user certificates. */
    CERT_AUTHORITY("cert-authority"),
    /** Forbids agent forwarding. */
    NO_AGENT_FORWARDING("no-agent-forwarding"),
    /** Permits agent forwarding after {@code restrict}. */
    AGENT_FORWARDING("agent-forwarding"),
    /** Forbids TCP forwarding. */
    NO_PORT_FORWARDING("no-port-forwarding"),
    /** Permits TCP forwarding after {@code restrict}. */
    PORT_FORWARDING("port-forwarding"),
    /** Forbids pty allocation. */
    NO_PTY("no-pty"),
    /** Permits pty allocation after {@code restrict}. */
    PTY("pty"),
    /** Forbids running ~/.ssh/rc. */
    NO_USER_RC("no-user-rc"),
    /** Permits running ~/.ssh/rc after {@code restrict}. */
    USER_RC("user-rc"),
    /** Forbids X11 forwarding. */
    NO_X11_FORWARDING("no-X11-forwarding"),
    /** Permits X11 forwarding after {@code restrict}. */
    X11_FORWARDING("X11-forwarding"),
    /** FIDO keys: no user presence needed. */
    NO_TOUCH_REQUIRED("no-touch-required"),
    /** FIDO keys: user presence needed (the default). */
    TOUCH_REQUIRED("touch-required"),
    /** FIDO keys: user verification (PIN) needed. */
    VERIFY_REQUIRED("verify-required"),
    /** FIDO keys: no user verification needed (the default). */
    NO_VERIFY_REQUIRED("no-verify-required");

    private final String wireName;

    KeyFlag(String wireName) {
        this.wireName = wireName;
    }

    /** The flag as written in the file, e.g. {@code no-X11-forwarding}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String keyword() {
        return wireName.toLowerCase(Locale.ROOT);
    }

    @Override
    public String render() {
        return wireName;
    }

    /** The flag with this keyword (case-insensitive), if sshd knows it. */
    public static Optional<KeyFlag> of(String keyword) {
        for (KeyFlag flag : values()) {
            if (flag.wireName.equalsIgnoreCase(keyword)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }
}
