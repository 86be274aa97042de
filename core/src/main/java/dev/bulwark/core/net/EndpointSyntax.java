package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Objects;

/**
 * Reads ss's {@code address[%scope]:port} text into an {@link Endpoint} in one pass over a region
 * of any {@code CharSequence}, materialising only the parts the endpoint keeps. Errors are
 * {@link ParseException}s positioned from an origin. Not API.
 */
final class EndpointSyntax {

    /** The longest service name accepted (IANA names are at most 15 characters; rpc names are longer). */
    static final int MAX_NAME = 64;

    private static final Endpoint BARE_IP = new Endpoint(Endpoint.WILDCARD, null, Endpoint.WILDCARD, 0,
            Endpoint.Form.BARE, Endpoint.Kind.IP, false);
    private static final Endpoint BARE_NON_IP = new Endpoint(Endpoint.WILDCARD, null, Endpoint.WILDCARD, 0,
            Endpoint.Form.BARE, Endpoint.Kind.OTHER, false);

    private EndpointSyntax() {
    }

    /**
     * Parses {@code text[start, end)}; {@code ipFamily} false for netlink, packet and the like.
     * Errors are positioned at {@code origin} moved by the offset into the region.
     */
    static Endpoint parse(CharSequence text, int start, int end, boolean ipFamily, Position origin) {
        if (end - start == 1 && text.charAt(start) == '*') {
            return ipFamily ? BARE_IP : BARE_NON_IP;
        }
        boolean bracketed = end > start && text.charAt(start) == '[';
        int hostStart = bracketed ? start + 1 : start;
        // One pass for everything the checks below need (the '[' at start matters to none of them).
        int colon = -1;
        int close = -1;
        int percent = -1;
        int firstColon = -1;
        int firstSeparator = -1;
        int firstNonIp = -1;
        boolean clean = true;
        for (int i = hostStart; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                continue;
            }
            if (c == ':') {
                colon = i;
                firstColon = firstColon < 0 ? i : firstColon;
                firstSeparator = firstSeparator < 0 ? i : firstSeparator;
            } else if (c == '.') {
                firstSeparator = firstSeparator < 0 ? i : firstSeparator;
            } else if ((c < 'a' || c > 'f') && (c < 'A' || c > 'F')) {
                firstNonIp = firstNonIp < 0 ? i : firstNonIp;
                if (c == ']') {
                    close = close < 0 ? i : close;
                } else if (c == '%') {
                    percent = percent < 0 ? i : percent;
                } else if (c <= ' ' || c == 0x7f) {
                    clean = false;
                }
            }
        }
        int hostEnd;
        int after;
        if (bracketed) {
            hostEnd = close;
            if (hostEnd < 0) {
                throw error(origin, text, start, end, end, "endpoint '%s' has no closing ']'");
            }
            after = hostEnd + 1;
            if (after == end || (text.charAt(after) != ':' && text.charAt(after) != '%')) {
                throw error(origin, text, start, end, after, "endpoint '%s' has no ':port' after ']'");
            }
        } else {
            hostEnd = colon;
            after = colon;
        }
        if (colon < 0 || colon < after) {
            throw error(origin, text, start, end, end, "endpoint '%s' has no ':port'");
        }
        int scopeStart = -1;
        int scopeEnd = -1;
        if (text.charAt(after) == '%') {
            scopeStart = after + 1;
            scopeEnd = colon;
        } else if (!bracketed && percent >= 0 && percent < hostEnd) {
            scopeStart = percent + 1;
            scopeEnd = hostEnd;
            hostEnd = percent;
        }
        if (colon != after && scopeStart < 0) {
            throw error(origin, text, start, end, after, "endpoint '%s' has text between ']' and ':port'");
        }
        int portStart = colon + 1;
        if (clean) {
            checkNotEmpty(origin, text, start, end, "address", hostStart, hostEnd);
            checkNotEmpty(origin, text, start, end, "port", portStart, end);
            if (scopeStart >= 0) {
                checkNotEmpty(origin, text, start, end, "interface scope", scopeStart, scopeEnd);
            }
        } else {
            checkWord(origin, text, start, end, "address", hostStart, hostEnd);
            checkWord(origin, text, start, end, "port", portStart, end);
            if (scopeStart >= 0) {
                checkWord(origin, text, start, end, "interface scope", scopeStart, scopeEnd);
            }
        }
        Endpoint.Form form = bracketed ? Endpoint.Form.BRACKETED : Endpoint.Form.PLAIN;
        boolean wildcardAddress = hostEnd - hostStart == 1 && text.charAt(hostStart) == '*';
        boolean ipShaped = wildcardAddress || ((firstNonIp < 0 || firstNonIp >= hostEnd)
                && firstSeparator >= 0 && firstSeparator < hostEnd);
        boolean ip = ipFamily && (!bracketed || (firstColon >= 0 && firstColon < hostEnd)) && ipShaped;
        String address = wildcardAddress ? Endpoint.WILDCARD : string(text, hostStart, hostEnd);
        String scope = scopeStart < 0 ? null : string(text, scopeStart, scopeEnd);
        boolean wildcardPort = end - portStart == 1 && text.charAt(portStart) == '*';
        if (wildcardPort) {
            Endpoint.Kind kind = ip ? Endpoint.Kind.IP
                    : ipFamily && !bracketed && isHostName(text, hostStart, hostEnd) ? Endpoint.Kind.HOST_NAME
                    : Endpoint.Kind.OTHER;
            return new Endpoint(address, scope, Endpoint.WILDCARD, 0, form, kind, false);
        }
        boolean digits = isDigits(text, portStart, end);
        if (!ip) {
            if (ipFamily && !bracketed && isHostName(text, hostStart, hostEnd)
                    && (digits || isServiceName(text, portStart, end))) {
                // ss -r: a host name in place of the address; its port is a number or a service name
                if (digits) {
                    int port = portNumber(origin, text, start, end, portStart);
                    return new Endpoint(address, scope, canonical(text, portStart, end) ? null
                            : string(text, portStart, end), port, form, Endpoint.Kind.HOST_NAME, false);
                }
                return new Endpoint(address, scope, string(text, portStart, end), 0, form, Endpoint.Kind.HOST_NAME,
                        true);
            }
            return new Endpoint(address, scope, string(text, portStart, end), 0, form, Endpoint.Kind.OTHER, false);
        }
        if (!digits) {
            if (isServiceName(text, portStart, end)) {
                // ss without -n: the service name of the port, resolved later against a services database
                return new Endpoint(address, scope, string(text, portStart, end), 0, form, Endpoint.Kind.IP, true);
            }
            throw error(origin, text, start, end, portStart, "port '" + printable(text, portStart, end)
                    + "' is neither a number in 0..65535 nor a service name");
        }
        int port = portNumber(origin, text, start, end, portStart);
        return new Endpoint(address, scope, canonical(text, portStart, end) ? null : string(text, portStart, end),
                port, form, Endpoint.Kind.IP, false);
    }

    private static boolean canonical(CharSequence text, int portStart, int end) {
        return end - portStart == 1 || text.charAt(portStart) != '0';
    }

    private static String string(CharSequence text, int start, int end) {
        return text.subSequence(start, end).toString();
    }

    private static boolean isDigits(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return end > start;
    }

    /**
     * Whether {@code text[start, end)} is a service name as the services database spells them: a
     * letter, then letters, digits, {@code - _ . +}, at most {@value #MAX_NAME} characters.
     */
    static boolean isServiceName(CharSequence text, int start, int end) {
        if (end <= start || end - start > MAX_NAME || !isLetter(text.charAt(start))) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.' && c != '+') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text[start, end)} is a host name: letters, digits, {@code - _ .}, starting with a letter or digit. */
    static boolean isHostName(CharSequence text, int start, int end) {
        if (end <= start || end - start > 253) {
            return false;
        }
        char first = text.charAt(start);
        if (!isLetter(first) && !(first >= '0' && first <= '9')) {
            return false;
        }
        for (int i = start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static void checkNotEmpty(Position origin, CharSequence text, int start, int end, String what,
            int from, int to) {
        if (from == to) {
            throw error(origin, text, start, end, from, "endpoint " + what + " is empty");
        }
    }

    private static void checkWord(Position origin, CharSequence text, int start, int end, String what, int from,
            int to) {
        checkNotEmpty(origin, text, start, end, what, from, to);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw error(origin, text, start, end, i, "endpoint " + what + " '" + printable(text, from, to)
                        + "' holds a space or control character");
            }
        }
    }

    /** Checks a word given by a caller ({@link Endpoint#of}, {@link Endpoint#unix}). */
    static void checkWord(String what, String word) {
        Objects.requireNonNull(word, what);
        checkWord(Syntax.STRING, word, 0, word.length(), what, 0, word.length());
    }

    private static int portNumber(Position origin, CharSequence text, int start, int end, int portStart) {
        int value = 0;
        boolean number = end - portStart <= 5;
        for (int i = portStart; i < end && number; i++) {
            char c = text.charAt(i);
            number = c >= '0' && c <= '9';
            value = value * 10 + (c - '0');
        }
        if (!number || value > 65535) {
            throw error(origin, text, start, end, portStart, "port '" + printable(text, portStart, end)
                    + "' is not a number in 0..65535");
        }
        return value;
    }

    /**
     * A positioned error at {@code at} in the endpoint {@code text[start, end)}; a {@code %s} in the
     * reason is replaced by the endpoint text, made printable and bounded.
     */
    private static ParseException error(Position origin, CharSequence text, int start, int end, int at,
            String reason) {
        Position origin0 = origin == null ? Syntax.STRING : origin;
        String endpoint = printable(text, start, end);
        String why = reason.replace("%s", endpoint);
        return Syntax.error(origin0, Math.max(0, Math.min(at, end) - start), why,
                text.subSequence(start, Math.min(end, start + 200)).toString());
    }

    private static String printable(CharSequence text, int start, int end) {
        return Syntax.printable(text.subSequence(start, Math.min(end, start + 41)));
    }

    /** Whether {@code text[start, end)} has the shape of an IP literal or the wildcard (not a proof of validity). */
    static boolean looksLikeIp(CharSequence text, int start, int end) {
        if (end - start == 1 && text.charAt(start) == '*') {
            return true;
        }
        boolean separator = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == ':') {
                separator = true;
            } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return separator;
    }
}
