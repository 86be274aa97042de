package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.regex.Pattern;

/** Validation and quoting of authorized_keys option values, as sshd's auth-options.c reads them. */
final class Quoting {

    private static final Pattern PORT = Pattern.compile("\\*|[0-9]{1,5}");

    private Quoting() {
    }

    /** Rejects values sshd could not read back unchanged (line breaks, NUL, trailing backslash). */
    static void checkValue(String option, String value) {
        if (value == null) {
            throw new ValidationException(option + " value is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new ValidationException(option + " value holds a line break or NUL, which would end the line");
            }
        }
        if (value.endsWith("\\")) {
            throw new ValidationException(option + " value ends in a backslash, which would escape the closing quote");
        }
    }

    /** The value in double quotes, each {@code "} escaped as {@code \"}. */
    static String quote(String value) {
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

    /** Validates {@code host:port} as sshd's handle_permit does (bare port allowed for permitlisten). */
    static void checkHostPort(String option, String value, boolean allowBarePort) {
        checkValue(option, value);
        String text = allowBarePort && value.indexOf(':') < 0 ? "*:" + value : value;
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new ValidationException(option + " '" + value + "' has an invalid host");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new ValidationException(option + " '" + value + "' has no port (use host:port)");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isEmpty() || host.length() >= 1025 || host.chars().anyMatch(c -> c == '"' || Character.isWhitespace(c))) {
            throw new ValidationException(option + " '" + value + "' has an invalid host");
        }
        if (!PORT.matcher(port).matches() || !"*".equals(port)
                && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            throw new ValidationException(option + " '" + value + "' has an invalid port (1-65535 or *)");
        }
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
