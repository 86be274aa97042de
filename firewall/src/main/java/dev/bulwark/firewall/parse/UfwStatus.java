package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.firewall.parse.internal.UfwStatusColumns;
import dev.bulwark.firewall.parse.internal.UfwStatusRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The output of {@code ufw status}, {@code ufw status verbose} or {@code ufw status numbered}:
 * whether ufw is active, its logging and defaults (verbose only), and the rules as ufw lists them.
 *
 * <p>ufw 0.36 pads To and From to 26 characters and the action to 12, but a longer To or From
 * (an IPv6 network with an interface, an address with a port list) simply pushes the rest of the
 * row to the right, so the columns of a row need not line up with the header. A row is therefore
 * split at its action word ({@code ALLOW}, {@code DENY}, {@code REJECT} or {@code LIMIT}, with
 * {@code IN}, {@code OUT} or {@code FWD} directly after it), not at the header's offsets: To is
 * what comes before it, From what comes after, then the logging marker ({@code (log)},
 * {@code (log-all)}, and in numbered output {@code (out)}, {@code (log, out)}) and the comment
 * after the first {@code #} (ufw allows no {@code #} in addresses, interfaces or application
 * names). Verbose output also puts application names in parentheses ({@code 22/tcp (OpenSSH)});
 * there a final {@code (log)} is logging where ufw pads logging to (26 characters after the start
 * of From) and an application right after the ports; ufw prints the same text for both only when
 * From is 26 characters or wider, and then it is read as logging. A row with no action word, or with several (an application named {@code ALLOW}), is a
 * {@link ParseException} naming the line and column and quoting the row: a row is never split at
 * a guess. To and From are then read by {@link Endpoint#parse}, so an address is always a whole
 * word of the row.
 *
 * @param active   whether the first line says {@code Status: active}
 * @param logging  the {@code Logging:} value, e.g. {@code on (low)}
 * @param defaults the {@code Default:} values by direction ({@code incoming → deny}, ...)
 * @param rules    the rules, in the order listed
 */
public record UfwStatus(boolean active, Optional<String> logging, Map<String, String> defaults, List<Entry> rules) {

    /** Validates and copies the components. */
    public UfwStatus {
        Objects.requireNonNull(logging, "logging");
        defaults = Map.copyOf(defaults);
        rules = List.copyOf(rules);
    }

    /**
     * One listed rule.
     *
     * @param number    the rule number ({@code numbered} only)
     * @param to        the To column, e.g. {@code 22/tcp}, {@code 3306/tcp on eth1}, {@code Anywhere}
     * @param action    {@code ALLOW}, {@code DENY}, {@code REJECT} or {@code LIMIT}
     * @param direction {@code IN}, {@code OUT}, {@code FWD}, or empty when not shown (plain
     *                  {@code ufw status} omits {@code IN})
     * @param from      the From column, e.g. {@code 10.0.0.0/8}, {@code Anywhere}
     * @param ipv6      whether the rule is an IPv6 rule: a {@code (v6)} marker or an IPv6 address
     * @param log       the logging marker without parentheses ({@code log}, {@code log-all}), or empty
     * @param comment   the comment, if any
     */
    public record Entry(OptionalInt number, String to, String action, String direction, String from, boolean ipv6,
                        String log, Optional<String> comment) {
        /** Validates the components. */
        public Entry {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(comment, "comment");
        }

        /**
         * The To column read as an {@link Endpoint}.
         *
         * @throws ParseException if {@code to} is not in ufw's form (never for an entry that
         *                        {@link UfwStatus#parse} returned: it checked every column)
         */
        public Endpoint destination() {
            return Endpoint.parse(to);
        }

        /** The From column read as an {@link Endpoint}; throws like {@link #destination()}. */
        public Endpoint source() {
            return Endpoint.parse(from);
        }
    }

    /**
     * A To or From column taken apart, in the forms ufw 0.36's {@code get_status} prints:
     * {@code Anywhere}, {@code Anywhere/tcp}, an address or network ({@code 192.168.0.1},
     * {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or with the protocol when no port is given:
     * {@code 198.51.100.0/24/tcp}), ports ({@code 22/tcp}, {@code 53}, {@code 80,443/tcp},
     * {@code 6000:6007/udp}), an address with ports ({@code 10.0.0.0/8 5432/tcp}), an application
     * ({@code OpenSSH}, {@code 192.168.0.1 Apache Full}; verbose: {@code 80,443/tcp (Apache Full)},
     * {@code 22/tcp (OpenSSH (v6))}), each optionally followed by {@code (v6)} and {@code on IFACE}.
     *
     * @param network       the address or network; empty for {@code Anywhere} and bare ports
     * @param ports         the ports; empty for any
     * @param protocol      the protocol shown after a {@code /}, e.g. {@code tcp}
     * @param application   the application profile's name, e.g. {@code Apache Full}
     * @param interfaceName the interface after {@code on}
     * @param v6Marker      whether ufw marked it {@code (v6)} (it does so only when no IPv6
     *                      address shows the family)
     */
    public record Endpoint(Optional<IpNetwork> network, List<PortRange> ports, Optional<String> protocol,
                           Optional<String> application, Optional<String> interfaceName, boolean v6Marker) {

        /** Validates and copies the components. */
        public Endpoint {
            Objects.requireNonNull(network, "network");
            ports = List.copyOf(ports);
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(interfaceName, "interfaceName");
        }

        /** Whether it names an IPv6 rule: the marker or an IPv6 network. */
        public boolean ipv6() {
            return v6Marker || network.map(n -> !n.isIpv4()).orElse(false);
        }

        /**
         * Parses one To or From column.
         *
         * @throws ParseException naming the column within the text and quoting it
         */
        public static Endpoint parse(String text) {
            return UfwStatusColumns.read(text, Position.inString(1, 1), text);
        }

        /** Like {@link #parse}, empty instead of throwing. */
        public static Optional<Endpoint> tryParse(String text) {
            try {
                return Optional.of(parse(text));
            } catch (ParseException e) {
                return Optional.empty();
            }
        }
    }

    /** Parses {@code ufw status}, {@code ufw status verbose} or {@code ufw status numbered} output. */
    public static UfwStatus parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<UfwStatus> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses, naming the text {@code source} in positions. */
    public static UfwStatus parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        boolean active = false;
        Optional<String> logging = Optional.empty();
        Map<String, String> defaults = new LinkedHashMap<>();
        List<Entry> rules = new ArrayList<>();
        int actionAt = -1;
        boolean sawStatus = false;
        boolean verbose = false;
        String first = null;
        int n = -1;
        for (int start = 0; start <= text.length(); ) {
            // One line at a time, each copied once; no array of every line, no stripped copies.
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            String line = text.substring(start, end).stripTrailing();
            start = end + 1;
            n++;
            if (first == null) {
                first = line;
            }
            Position at = Position.of(source, n + 1);
            int indent = indent(line);
            if (indent == line.length() || line.startsWith("--", indent)) {
                continue;
            }
            if (line.startsWith("Status: ")) {
                active = line.substring(8).strip().equals("active");
                sawStatus = true;
            } else if (line.startsWith("Logging: ")) {
                verbose = true;
                logging = Optional.of(line.substring(9).strip());
            } else if (line.startsWith("Default: ")) {
                for (String part : line.substring(9).split(",")) {
                    String p = part.strip();
                    int open = p.indexOf(" (");
                    if (open < 0 || !p.endsWith(")")) {
                        throw new ParseException(at, "default '" + p + "' is not 'policy (direction)'", line);
                    }
                    defaults.put(p.substring(open + 2, p.length() - 1), p.substring(0, open));
                }
            } else if (line.startsWith("New profiles: ")) {
                continue;
            } else if (line.startsWith("To ", indent) && line.contains(" Action ") && line.contains(" From")) {
                actionAt = line.indexOf(" Action ") + 1;
            } else if (actionAt > 0) {
                rules.add(UfwStatusRows.row(source, n + 1, line, actionAt, verbose));
            } else {
                throw new ParseException(at, "unexpected line before the rule table", line);
            }
        }
        if (!sawStatus) {
            throw new ParseException(Position.of(source, 1), "no 'Status:' line", first);
        }
        return new UfwStatus(active, logging, defaults, rules);
    }

    /** The number of white-space characters that start {@code line}. */
    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
