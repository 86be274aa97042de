package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Command;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Environment;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.ExpiryTime;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.From;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.PermitListen;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.PermitOpen;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Principals;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Tunnel;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Unknown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads an options field the way sshd's auth-options.c ({@code sshauthopt_parse}) does. */
final class OptionsParser {

    private static final List<String> VALUED = List.of("command", "environment", "expiry-time", "from",
            "permitopen", "permitlisten", "principals", "tunnel");

    private final String text;
    private final Position start;
    private int pos;

    private OptionsParser(String text, Position start) {
        this.text = text;
        this.start = start;
    }

    /** Parses {@code text}, whose first character is at {@code start}. */
    static AuthorizedKeyOptions parse(String text, Position start) {
        return new OptionsParser(text, start).options();
    }

    /**
     * The end of the options field starting at {@code from}: the first space or tab outside
     * quotes ({@code \"} does not toggle), or -1 when a quote is left open.
     */
    static int endOfOptions(String line, int from) {
        boolean quoted = false;
        int i = from;
        for (; i < line.length() && (quoted || line.charAt(i) != ' ' && line.charAt(i) != '\t'); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            }
        }
        return quoted ? -1 : Math.min(i, line.length());
    }

    private AuthorizedKeyOptions options() {
        List<AuthorizedKeyOption> options = new ArrayList<>();
        if (text.isEmpty()) {
            throw error(0, "empty options field", text);
        }
        while (pos < text.length()) {
            if (text.charAt(pos) == ',') {
                pos++; // sshd skips empty options: ",no-pty", "no-pty,,pty" and a trailing "," are accepted
                continue;
            }
            int optionStart = pos;
            AuthorizedKeyOption option = option();
            options.add(option);
            if (pos < text.length() && text.charAt(pos) != ',') {
                throw error(optionStart, "unknown key option", text.substring(optionStart));
            }
        }
        try {
            return AuthorizedKeyOptions.of(options);
        } catch (ValidationException e) {
            throw error(0, e.getMessage(), text);
        }
    }

    private AuthorizedKeyOption option() {
        int optionStart = pos;
        while (pos < text.length() && "=,\"".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String keyword = text.substring(optionStart, pos);
        if (keyword.isEmpty()) {
            throw error(optionStart, "empty option", text);
        }
        String lower = keyword.toLowerCase(Locale.ROOT);
        boolean hasValue = pos < text.length() && text.charAt(pos) == '=';
        if (!hasValue || !VALUED.contains(lower)) {
            if (!hasValue) {
                if (pos < text.length() && text.charAt(pos) == '"') {
                    skipRaw();
                    return unknown(optionStart);
                }
                return KeyFlag.of(keyword).map(AuthorizedKeyOption.class::cast).orElseGet(() -> unknown(optionStart));
            }
            skipRaw();
            return unknown(optionStart);
        }
        pos++;
        int valueStart = pos;
        String value = dequote(lower);
        try {
            return valued(lower, value);
        } catch (ValidationException e) {
            throw error(valueStart, e.getMessage(), text.substring(optionStart, pos));
        }
    }

    private static AuthorizedKeyOption valued(String keyword, String value) {
        switch (keyword) {
            case "command":
                return new Command(value);
            case "environment":
                int eq = value.indexOf('=');
                if (eq < 0) {
                    throw new ValidationException("invalid environment string (expected NAME=value)");
                }
                return new Environment(value.substring(0, eq), value.substring(eq + 1));
            case "expiry-time":
                return new ExpiryTime(value);
            case "from":
                return new From(Arrays.asList(value.split(",", -1)));
            case "permitopen":
                return new PermitOpen(value);
            case "permitlisten":
                return new PermitListen(value);
            case "principals":
                return new Principals(Arrays.asList(value.split(",", -1)));
            default:
                return new Tunnel(value);
        }
    }

    /** Reads a quoted value as sshd's opt_dequote does: {@code \"} is a quote, other backslashes stay. */
    private String dequote(String keyword) {
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw error(pos, "missing start quote for " + keyword + " value", text);
        }
        int quoteAt = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            if (text.charAt(pos) == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                pos++;
            }
            value.append(text.charAt(pos++));
        }
        if (pos >= text.length()) {
            throw error(quoteAt, "missing end quote for " + keyword + " value", text);
        }
        pos++;
        return value.toString();
    }

    /** Skips an unknown option's value up to the next unquoted comma. */
    private void skipRaw() {
        boolean quoted = false;
        while (pos < text.length() && (quoted || text.charAt(pos) != ',')) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                pos++;
            } else if (c == '"') {
                quoted = !quoted;
            }
            pos++;
        }
        if (quoted) {
            throw error(pos - 1, "missing end quote", text);
        }
    }

    private Unknown unknown(int optionStart) {
        try {
            return new Unknown(text.substring(optionStart, pos));
        } catch (ValidationException e) {
            throw error(optionStart, e.getMessage(), text);
        }
    }

    private ParseException error(int offset, String reason, String offending) {
        Position at = new Position(start.source(), start.line(), start.column() + offset);
        return new ParseException(at, reason, offending);
    }
}
