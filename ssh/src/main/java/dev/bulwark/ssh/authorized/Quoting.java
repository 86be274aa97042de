package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.lines.Printable;
import java.util.List;
import java.util.regex.Pattern;

/** Validation and quoting of authorized_keys option values, as sshd's auth-options.c reads them. */
final class Quoting {

    /** A name getservbyname could know (services(5): no blanks, no '#'). */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z][A-Za-z0-9._+-]{0,63}");

    private Quoting() {
    }

    /** Rejects values sshd could not read back unchanged (line feed, NUL, trailing backslash). */
    static void checkValue(String option, String value) {
        if (value == null) {
            throw new ValidationException(option + " value is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == 0) {
                throw new ValidationException(option + " value holds a line break or NUL, which would end the line");
            }
        }
        if (value.endsWith("\\")) {
            throw new ValidationException(option + " value ends in a backslash, which would escape the closing quote");
        }
    }

    /**
     * The value in double quotes, each {@code "} escaped as {@code \"}.
     *
     * @throws ValidationException when the value holds a control character other than tab
     */
    static String quote(String option, String value) {
        Printable.check(option, value, true);
        return "\"" + value.replace("\"", "\\\"") + "\"";
    }

    /**
     * Validates a comma-joined list: at least one item, no empty item, no comma inside an item, and
     * each item a valid value (quotes are escaped when rendered, so they cannot end the value).
     */
    static List<String> checkList(String option, List<String> items) {
        if (items == null || items.isEmpty()) {
            throw new ValidationException(option + " needs at least one entry");
        }
        List<String> copy = List.copyOf(items);
        for (String item : copy) {
            if (item.isEmpty() || item.indexOf(',') >= 0) {
                throw new ValidationException(option + " entry '" + item.replace("\n", "\\n")
                        + "' is empty or holds a comma");
            }
            checkValue(option, item);
        }
        return copy;
    }

    /**
     * Validates {@code host:port} as sshd's {@code handle_permit} does (bare port allowed for
     * permitlisten): the host ends at the first {@code :} or {@code /} ({@code [v6]} in brackets),
     * and the port is {@code *}, a number from 1 to 65535 as {@code strtonum} reads it, or a
     * service name, which sshd resolves through the server's services database ({@code a2port}).
     * Bulwark cannot see that database, so it assumes the name resolves: the key is counted as
     * usable rather than missed.
     */
    static void checkHostPort(String option, String value, boolean allowBarePort) {
        checkValue(option, value);
        String text = allowBarePort && value.indexOf(':') < 0 ? "*:" + value : value;
        int end;
        if (text.startsWith("[")) {
            end = text.indexOf(']');
            if (end < 0) {
                throw new ValidationException(option + " '" + value + "' has an invalid host");
            }
            end++;
        } else {
            end = 0;
            while (end < text.length() && text.charAt(end) != ':' && text.charAt(end) != '/') {
                end++;
            }
        }
        if (end < text.length() && text.charAt(end) != ':' && text.charAt(end) != '/') {
            throw new ValidationException(option + " '" + value + "' has an invalid host");
        }
        if (end >= 1025) {
            throw new ValidationException(option + " '" + value + "' has an invalid host");
        }
        if (end >= text.length()) {
            throw new ValidationException(option + " '" + value + "' has no port (use host:port)");
        }
        String port = text.substring(end + 1);
        if (!"*".equals(port) && !(strtonum(port, 65535) > 0 || SERVICE.matcher(port).matches())) {
            throw new ValidationException(option + " '" + value + "' has an invalid port (1-65535, * or a service name)");
        }
    }

    /**
     * The number C's {@code strtonum(text, 0, max)} reads (leading white space, an optional sign,
     * decimal digits, nothing after), or -1 when it reads none.
     */
    static long strtonum(String text, long max) {
        int i = 0;
        while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i == text.length()) {
            return -1;
        }
        long value = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = Math.min(value * 10 + (c - '0'), Long.MAX_VALUE / 20);
        }
        if (negative && value != 0 || value > max) {
            return -1;
        }
        return value;
    }

    /** Validates an unknown option's raw text: balanced quotes, no unquoted comma or whitespace. */
    static void checkRawOption(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new ValidationException("option text holds a line break or NUL");
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == ' ' || c == '\t')) {
                throw new ValidationException("option text '" + text + "' holds an unquoted comma or space");
            }
        }
        if (quoted) {
            throw new ValidationException("option text '" + text + "' has an unterminated quote");
        }
    }
}
