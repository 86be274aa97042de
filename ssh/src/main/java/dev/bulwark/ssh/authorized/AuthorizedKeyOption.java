package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.lines.Printable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One option of an authorized_keys line, as sshd(8) "AUTHORIZED_KEYS FILE FORMAT" defines them:
 * a {@link KeyFlag} ({@code restrict}, {@code no-pty}, {@code pty}, ...), an option with a quoted
 * value ({@link Command}, {@link Environment}, {@link ExpiryTime}, {@link From}, {@link PermitOpen},
 * {@link PermitListen}, {@link Principals}, {@link Tunnel}), or an {@link Unknown} option that sshd
 * refuses (sshd ignores the whole line then).
 *
 * <p>Quoted values are validated when built: they may not hold a line feed or NUL (sshd could not
 * read them back), and may not end in a backslash (sshd would read the closing quote as escaped).
 * A value read from a file may hold other control characters, as sshd accepts them inside quotes;
 * {@link #render()} refuses every control character but tab with a {@code ValidationException},
 * and escapes every {@code "} as {@code \"}, so a written value never injects another option,
 * key or line.
 */
public sealed interface AuthorizedKeyOption permits KeyFlag, AuthorizedKeyOption.Command,
        AuthorizedKeyOption.Environment, AuthorizedKeyOption.ExpiryTime, AuthorizedKeyOption.From,
        AuthorizedKeyOption.PermitOpen, AuthorizedKeyOption.PermitListen, AuthorizedKeyOption.Principals,
        AuthorizedKeyOption.Tunnel, AuthorizedKeyOption.Unknown {

    /** The option's keyword in lower case, e.g. {@code no-pty} or {@code command}. */
    String keyword();

    /** The option as it is written into an authorized_keys line, e.g. {@code command="uptime"}. */
    String render();

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
            return "command=" + Quoting.quote("command", command);
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
            return "environment=" + Quoting.quote("environment", name + "=" + value);
        }
    }

    /**
     * {@code expiry-time="timespec"}: the key is refused after this time.
     *
     * @param timespec {@code YYYYMMDD[Z]} or {@code YYYYMMDDHHMM[SS][Z]} (Z: UTC, else system zone)
     */
    record ExpiryTime(String timespec) implements AuthorizedKeyOption {
        private static final Pattern TIMESPEC = Pattern.compile("(\\d{8}|\\d{12}|\\d{14})Z?");

        /** Validates the time specification (format and a real date and time). */
        public ExpiryTime {
            if (timespec == null || !TIMESPEC.matcher(timespec).matches()) {
                throw new ValidationException("expiry-time '" + timespec
                        + "' is not YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]");
            }
            localTime(timespec);
        }

        /** Whether the time is in UTC ({@code Z}); otherwise sshd reads it in the server's time zone. */
        public boolean isUtc() {
            return timespec.endsWith("Z");
        }

        /**
         * The instant the key stops being accepted; a time without {@code Z} is read in {@code serverZone}.
         */
        public Instant toInstant(ZoneId serverZone) {
            return localTime(timespec).atZone(isUtc() ? ZoneOffset.UTC : serverZone).toInstant();
        }

        /** Reads the fields as sshd's strptime/mktime do: ranges checked per field, day overflow rolls on. */
        private static LocalDateTime localTime(String timespec) {
            String digits = timespec.endsWith("Z") ? timespec.substring(0, timespec.length() - 1) : timespec;
            int year = Integer.parseInt(digits.substring(0, 4));
            int month = Integer.parseInt(digits.substring(4, 6));
            int day = Integer.parseInt(digits.substring(6, 8));
            int hour = digits.length() > 8 ? Integer.parseInt(digits.substring(8, 10)) : 0;
            int minute = digits.length() > 8 ? Integer.parseInt(digits.substring(10, 12)) : 0;
            int second = digits.length() > 12 ? Integer.parseInt(digits.substring(12, 14)) : 0;
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 61) {
                throw new ValidationException("expiry-time '" + timespec + "' is not a valid date and time");
            }
            return LocalDateTime.of(year, month, 1, hour, minute).plusDays(day - 1L).plusSeconds(second);
        }

        @Override
        public String keyword() {
            return "expiry-time";
        }

        @Override
        public String render() {
            return "expiry-time=" + Quoting.quote("expiry-time", timespec);
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
            return "from=" + Quoting.quote("from", String.join(",", patterns));
        }
    }

    /**
     * {@code permitopen="host:port"}: limits {@code ssh -L} destinations.
     *
     * @param hostPort {@code host:port} or {@code host/port} ({@code [v6]:port}; port {@code *} for any,
     *                 or a service name such as {@code ssh}, which sshd resolves)
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
            return "permitopen=" + Quoting.quote("permitopen", hostPort);
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
            return "permitlisten=" + Quoting.quote("permitlisten", hostPort);
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
            return "principals=" + Quoting.quote("principals", String.join(",", principals));
        }
    }

    /**
     * {@code tunnel="n"}: forces a tun device.
     *
     * @param device a device number from 0 to 2147483645, or {@code any} (any case)
     */
    record Tunnel(String device) implements AuthorizedKeyOption {
        /** Validates the device. */
        public Tunnel {
            // sshd's a2tun: "any" in any case, or strtonum(device, 0, SSH_TUNID_MAX)
            boolean valid = "any".equalsIgnoreCase(device) || device != null && Quoting.strtonum(device, 0x7ffffffdL) >= 0;
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
            return "tunnel=" + Quoting.quote("tunnel", device);
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
            return Printable.check("option", text, true);
        }
    }
}
