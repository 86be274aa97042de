package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.UfwStatus;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits one rule row of {@code ufw status} output at its action word (see {@link UfwStatus});
 * {@link UfwStatusColumns} reads its To and From columns. Every step is a single left-to-right
 * scan or a possessive regular expression over one word, so a row costs time linear in its length.
 *
 * <p>ufw 0.36 writes a row as {@code "%-26s %-12s%-26s%s%s"} of To, action and direction, From,
 * the attributes ({@code " (log)"}) and the comment ({@code " # text"}); its status code was read
 * to learn these forms (no code is taken from it).
 */
public final class UfwStatusRows {

    private static final Set<String> ACTIONS = Set.of("ALLOW", "DENY", "REJECT", "LIMIT");
    private static final Set<String> DIRECTIONS = Set.of("IN", "OUT", "FWD");
    private static final Set<String> ATTRIBUTES = Set.of("log", "log-all", "out", "log, out", "log-all, out");
    /** ufw pads To and From to this width ({@code %-26s}). */
    private static final int COLUMN_WIDTH = 26;
    /** Ports as ufw lists them: {@code 53}, {@code 80,443/tcp}, {@code 6000:6007,7000/udp}. */
    static final Pattern PORTS = Pattern.compile(
            "(\\d++(?::\\d++)?+(?:,\\d++(?::\\d++)?+)*+)(?:/([a-z][a-z0-9]*+))?+");

    private UfwStatusRows() {
    }

    /**
     * Reads one rule row.
     *
     * @param source       the text's name for positions
     * @param lineNumber   the 1-based line number
     * @param line         the row without trailing white space
     * @param actionHeader the 0-based offset of {@code Action} in the header, used only to name a
     *                     wrong action word in an error
     * @param verbose      whether the output is {@code ufw status verbose}, the only form that puts
     *                     application names in parentheses
     */
    public static UfwStatus.Entry row(String source, int lineNumber, String line, int actionHeader, boolean verbose) {
        Row r = new Row(source, lineNumber, line, verbose);
        return r.read(actionHeader);
    }

    private static final class Row {
        private final String source;
        private final int lineNumber;
        private final String line;
        private final boolean verbose;

        Row(String source, int lineNumber, String line, boolean verbose) {
            this.source = source;
            this.lineNumber = lineNumber;
            this.line = line;
            this.verbose = verbose;
        }

        ParseException error(int offset, String reason) {
            return new ParseException(new Position(source, lineNumber, offset + 1), reason, line);
        }

        UfwStatus.Entry read(int actionHeader) {
            OptionalInt number = OptionalInt.empty();
            int toStart = 0;
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                String digits = close < 0 ? "" : line.substring(1, close).strip();
                if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw error(0, "a rule number is '[N]'");
                }
                number = OptionalInt.of(Integer.parseInt(digits));
                toStart = close + 2;
                if (toStart > line.length() || line.charAt(close + 1) != ' ') {
                    throw error(close + 1, "a rule number is followed by one space and the To column");
                }
            }
            if (toStart >= line.length() || line.charAt(toStart) == ' ') {
                throw error(toStart, "the To column is empty");
            }
            int hash = line.indexOf('#', toStart);
            int end = hash < 0 ? line.length() : hash;
            Optional<String> comment = Optional.empty();
            if (hash >= 0) {
                if (hash == toStart || line.charAt(hash - 1) != ' ' || hash + 2 > line.length() || line.charAt(hash + 1) != ' ') {
                    throw error(hash, "a comment is ' # text' (ufw allows no '#' elsewhere in a row)");
                }
                comment = Optional.of(line.substring(hash + 2));
            }
            int actionStart = -1;
            String action = null;
            String wordAtHeader = null;
            for (int i = toStart; i < end; ) {
                if (line.charAt(i) == ' ') {
                    i++;
                    continue;
                }
                int wordEnd = wordEnd(i, end);
                String word = line.substring(i, wordEnd);
                if (i == actionHeader) {
                    wordAtHeader = word;
                }
                if (ACTIONS.contains(word)) {
                    if (action != null) {
                        throw error(i, "two action words, '" + action + "' at column " + (actionStart + 1) + " and '"
                                + word + "' at column " + (i + 1) + ": cannot tell To from From");
                    }
                    action = word;
                    actionStart = i;
                }
                i = wordEnd;
            }
            if (action == null) {
                if (wordAtHeader != null) {
                    throw error(actionHeader, "action '" + wordAtHeader + "' is not ALLOW, DENY, REJECT or LIMIT");
                }
                throw error(toStart, "no action word (ALLOW, DENY, REJECT or LIMIT) in the rule row");
            }
            if (actionStart == toStart) {
                throw error(toStart, "the To column is empty");
            }
            int after = actionStart + action.length();
            String direction = "";
            if (after + 1 < end && line.charAt(after) == ' ' && line.charAt(after + 1) != ' ') {
                int wordEnd = wordEnd(after + 1, end);
                String word = line.substring(after + 1, wordEnd);
                if (DIRECTIONS.contains(word)) {
                    direction = word;
                    after = wordEnd;
                }
            }
            int fromStart = after;
            while (fromStart < end && line.charAt(fromStart) == ' ') {
                fromStart++;
            }
            if (fromStart == end || fromStart == after) {
                throw error(fromStart, "the From column is empty");
            }
            int fromEnd = end;
            while (line.charAt(fromEnd - 1) == ' ') {
                fromEnd--;
            }
            String log = "";
            if (line.charAt(fromEnd - 1) == ')') {
                int open = line.lastIndexOf(" (", fromEnd) + 1;
                if (open > fromStart) {
                    String inner = line.substring(open + 1, fromEnd - 1);
                    if (ATTRIBUTES.contains(inner) && attributesHere(fromStart, open, inner)) {
                        log = inner.startsWith("log-all") ? "log-all" : inner.startsWith("log") ? "log" : "";
                        fromEnd = open;
                        while (line.charAt(fromEnd - 1) == ' ') {
                            fromEnd--;
                        }
                    }
                }
            }
            String to = line.substring(toStart, actionStart).stripTrailing();
            String from = line.substring(fromStart, fromEnd);
            UfwStatus.Endpoint dst = UfwStatusColumns.read(to, new Position(source, lineNumber, toStart + 1), line);
            UfwStatus.Endpoint src = UfwStatusColumns.read(from, new Position(source, lineNumber, fromStart + 1), line);
            return new UfwStatus.Entry(number, to, action, direction, from, dst.ipv6() || src.ipv6(), log, comment);
        }

        /**
         * Whether the parenthesised {@code inner} at {@code open} is ufw's attribute list rather
         * than the end of the From column. Only {@code status verbose} shows an application in
         * parentheses ({@code 22/tcp (log)} for an application named {@code log}), always one space
         * after its ports, and never shows {@code (out)}; ufw puts attributes after From padded to
         * 26 characters. When both readings fit (a From of 26 characters or more) ufw has printed
         * the same text for both, and logging is taken: the address and ports read the same either
         * way.
         */
        private boolean attributesHere(int fromStart, int open, String inner) {
            if (!verbose) {
                return true;
            }
            if (inner.contains("out")) {
                return false;
            }
            int before = open - 1;
            while (before > fromStart && line.charAt(before - 1) == ' ') {
                before--;
            }
            int wordStart = line.lastIndexOf(' ', before - 1) + 1;
            String last = line.substring(Math.max(wordStart, fromStart), before);
            boolean applicationPossible = !inner.contains(",") && before > fromStart
                    && PORTS.matcher(last).matches() && last.contains("/");
            if (!applicationPossible) {
                return true;
            }
            int width = before - fromStart;
            boolean asAttributes = open == fromStart + Math.max(COLUMN_WIDTH, width) + 1;
            boolean asApplication = open == before + 1;
            if (!asAttributes && !asApplication) {
                throw error(open, "'(" + inner + ")' is neither where ufw puts logging nor right after the ports");
            }
            return asAttributes;
        }

        private int wordEnd(int from, int end) {
            int i = from;
            while (i < end && line.charAt(i) != ' ') {
                i++;
            }
            return i;
        }
    }
}
