package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One option of an authorized_keys line, as sshd(8) "AUTHORIZED_KEYS FILE FORMAT" defines them:
 * a {@link Flag} ({@code restrict}, {@code no-pty}, {@code pty}, ...), an option with a quoted
 * value ({@link Command}, {@link Environment}, {@link ExpiryTime}, {@link From}, {@link PermitOpen},
 * {@link PermitListen}, {@link Principals}, {@link Tunnel}), or an {@link Unknown} option that sshd
 * refuses (sshd ignores the whole line then).
 *
 * <p>Quoted values are validated when built: they may not hold a newline, carriage return or NUL,
 * and may not end in a backslash (sshd would read the closing quote as escaped); {@link #render()}
 * escapes every {@code "} as {@code \"}, so a value never injects another option or key.
 */
public sealed interface AuthorizedKeyOption {

    /** The option's keyword in lower case, e.g. {@code no-pty} or {@code command}. */
    String keyword();

    /** The option as it is written into an authorized_keys line, e.g. {@code command="uptime"}. */
    String render();

    /** Options without a value. Keywords are case-insensitive in the file. */
    enum Flag implements AuthorizedKeyOption {
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

        Flag(String wireName) {
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
        public static Optional<Flag> of(String keyword) {
            for (Flag flag : values()) {
                if (flag.wireName.equalsIgnoreCase(keyword)) {
                    return Optional.of(flag);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * {@code command="..."}: the command run whatever the client asks for.
     *
     * @param command the command line
     */
    record Command(String command) implements AuthorizedKeyOption {
        /** Validates the value. */
        public Command {
            Quoting.checkValue("command", command);
        }

        @Override
        public String keyword() {
            return "command";
        }

        @Override
        public String render() {
            return "command=" + Quoting.quote(command);
        }
    }

    /**
     * {@code environment="NAME=value"}: a variable set at login (when PermitUserEnvironment allows).
     *
     * @param name  the variable name: letters, digits and {@code _}
     * @param value the value
     */
    record Environment(String name, String value) implements AuthorizedKeyOption {
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

        /** Validates the name and value. */
        public Environment {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new ValidationException("environment name '" + name
                        + "' must be letters, digits and '_' only");
            }
            Quoting.checkValue("environment", name + "=" + value);
        }

        @Override
        public String keyword() {
            return "environment";
        }

        @Override
        public String render() {
            return "environment=" + Quoting.quote(name + "=" + value);
        }
    }

    /**
     * {@code expiry-time="timespec"}: the key is refused after this time.
     *
     * @param timespec {@code YYYYMMDD[Z]} or {@code YYYYMMDDHHMM[SS][Z]} (Z: UTC, else system zone)
     */
    record ExpiryTime(String timespec) implements AuthorizedKeyOption {
        private static final Pattern TIMESPEC = Pattern.compile("(\\d{8}|\\d{12}|\\d{14})Z?");

        /** Validates the time specification. */
        public ExpiryTime {
            if (timespec == null || !TIMESPEC.matcher(timespec).matches()) {
                throw new ValidationException("expiry-time '" + timespec
                        + "' is not YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]");
            }
        }

        @Override
        public String keyword() {
            return "expiry-time";
        }

        @Override
        public String render() {
            return "expiry-time=" + Quoting.quote(timespec);
        }
    }

    /**
     * {@code from="pattern-list"}: the client's address or name must match one of the patterns.
     *
     * @param patterns host or address patterns ({@code *}, {@code ?}, {@code !}, CIDR), none empty
     */
    record From(List<String> patterns) implements AuthorizedKeyOption {
        /** Validates and copies the patterns. */
        public From {
            patterns = Quoting.checkList("from", patterns);
        }

        @Override
        public String keyword() {
            return "from";
        }

        @Override
        public String render() {
            return "from=" + Quoting.quote(String.join(",", patterns));
        }
    }

    /**
     * {@code permitopen="host:port"}: limits {@code ssh -L} destinations.
     *
     * @param hostPort {@code host:port} ({@code [v6]:port}; port {@code *} for any)
     */
    record PermitOpen(String hostPort) implements AuthorizedKeyOption {
        /** Validates the destination. */
        public PermitOpen {
            Quoting.checkHostPort("permitopen", hostPort, false);
        }

        @Override
        public String keyword() {
            return "permitopen";
        }

        @Override
        public String render() {
            return "permitopen=" + Quoting.quote(hostPort);
        }
    }

    /**
     * {@code permitlisten="[host:]port"}: limits {@code ssh -R} listeners.
     *
     * @param hostPort {@code [host:]port} ({@code [v6]:port}; port {@code *} for any)
     */
    record PermitListen(String hostPort) implements AuthorizedKeyOption {
        /** Validates the listener. */
        public PermitListen {
            Quoting.checkHostPort("permitlisten", hostPort, true);
        }

        @Override
        public String keyword() {
            return "permitlisten";
        }

        @Override
        public String render() {
            return "permitlisten=" + Quoting.quote(hostPort);
        }
    }

    /**
     * {@code principals="a,b"}: on a {@code cert-authority} line, the accepted certificate principals.
     *
     * @param principals the principal names, none empty
     */
    record Principals(List<String> principals) implements AuthorizedKeyOption {
        /** Validates and copies the principals. */
        public Principals {
            principals = Quoting.checkList("principals", principals);
        }

        @Override
        public String keyword() {
            return "principals";
        }

        @Override
        public String render() {
            return "principals=" + Quoting.quote(String.join(",", principals));
        }
    }

    /**
     * {@code tunnel="n"}: forces a tun device.
     *
     * @param device a device number from 0 to 2147483645, or {@code any}
     */
    record Tunnel(String device) implements AuthorizedKeyOption {
        private static final Pattern NUMBER = Pattern.compile("\\d{1,10}");

        /** Validates the device. */
        public Tunnel {
            boolean valid = "any".equals(device)
                    || device != null && NUMBER.matcher(device).matches() && Long.parseLong(device) <= 0x7ffffffdL;
            if (!valid) {
                throw new ValidationException("tunnel device '" + device + "' is not a number or 'any'");
            }
        }

        @Override
        public String keyword() {
            return "tunnel";
        }

        @Override
        public String render() {
            return "tunnel=" + Quoting.quote(device);
        }
    }

    /**
     * An option sshd does not accept, kept as written so the line renders unchanged. sshd ignores a
     * line with such an option ("bad key options: unknown key option").
     *
     * @param text the option as written, e.g. {@code no-ptyy} or {@code colour="red"}
     */
    record Unknown(String text) implements AuthorizedKeyOption {
        /** Validates the text. */
        public Unknown {
            if (text == null || text.isEmpty()) {
                throw new ValidationException("unknown option text is empty");
            }
            Quoting.checkRawOption(text);
        }

        @Override
        public String keyword() {
            int eq = text.indexOf('=');
            return (eq < 0 ? text : text.substring(0, eq)).toLowerCase(Locale.ROOT);
        }

        @Override
        public String render() {
            return text;
        }
    }
}
