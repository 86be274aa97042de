package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The output of {@code ufw status verbose} or {@code ufw status numbered}: whether ufw is active,
 * its logging and defaults (verbose only), and the rules as ufw lists them. The columns are found
 * from the {@code To / Action / From} header, so long entries do not confuse the reader.
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
     * @param direction {@code IN}, {@code OUT}, {@code FWD}, or empty when not shown
     * @param from      the From column, e.g. {@code 10.0.0.0/8}, {@code Anywhere}
     * @param ipv6      whether the rule is the IPv6 copy ({@code (v6)})
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
    }

    /** Parses {@code ufw status verbose} or {@code ufw status numbered} output. */
    public static UfwStatus parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses, naming the text {@code source} in positions. */
    public static UfwStatus parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        String[] lines = text.split("\n", -1);
        boolean active = false;
        Optional<String> logging = Optional.empty();
        Map<String, String> defaults = new LinkedHashMap<>();
        List<Entry> rules = new ArrayList<>();
        int actionAt = -1;
        int fromAt = -1;
        int toAt = -1;
        boolean sawStatus = false;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].stripTrailing();
            Position at = Position.of(source, n + 1);
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            if (line.startsWith("Status: ")) {
                active = line.substring(8).strip().equals("active");
                sawStatus = true;
            } else if (line.startsWith("Logging: ")) {
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
            } else if (line.strip().startsWith("To ") && line.contains(" Action ") && line.contains(" From")) {
                toAt = line.indexOf("To");
                actionAt = line.indexOf("Action");
                fromAt = line.indexOf("From");
            } else if (actionAt > 0) {
                rules.add(entry(at, line, toAt, actionAt, fromAt));
            } else {
                throw new ParseException(at, "unexpected line before the rule table", line);
            }
        }
        if (!sawStatus) {
            throw new ParseException(Position.of(source, 1), "no 'Status:' line", lines[0]);
        }
        return new UfwStatus(active, logging, defaults, rules);
    }

    private static Entry entry(Position at, String line, int toAt, int actionAt, int fromAt) {
        if (line.length() <= fromAt) {
            throw new ParseException(at, "rule line is shorter than the From column", line);
        }
        OptionalInt number = OptionalInt.empty();
        String prefix = line.substring(0, toAt).strip();
        if (prefix.startsWith("[") && prefix.endsWith("]")) {
            try {
                number = OptionalInt.of(Integer.parseInt(prefix.substring(1, prefix.length() - 1).strip()));
            } catch (NumberFormatException e) {
                throw new ParseException(at, "bad rule number '" + prefix + "'", line);
            }
        } else if (!prefix.isEmpty()) {
            throw new ParseException(at, "unexpected '" + prefix + "' before the To column", line);
        }
        String to = line.substring(toAt, actionAt).strip();
        String[] action = line.substring(actionAt, fromAt).strip().split(" ");
        String rest = line.substring(fromAt);
        Optional<String> comment = Optional.empty();
        int hash = rest.indexOf(" # ");
        if (hash >= 0) {
            comment = Optional.of(rest.substring(hash + 3).strip());
            rest = rest.substring(0, hash);
        }
        String log = "";
        String from = rest.strip();
        for (String marker : new String[] {"(log-all)", "(log)"}) {
            if (from.endsWith(marker)) {
                log = marker.substring(1, marker.length() - 1);
                from = from.substring(0, from.length() - marker.length()).strip();
                break;
            }
        }
        if (!List.of("ALLOW", "DENY", "REJECT", "LIMIT").contains(action[0])) {
            throw new ParseException(at, "action '" + action[0] + "' is not ALLOW, DENY, REJECT or LIMIT", line);
        }
        boolean v6 = to.contains("(v6)") || from.contains("(v6)");
        return new Entry(number, to, action[0], action.length > 1 ? action[1] : "", from, v6, log, comment);
    }
}
