package dev.bulwark.core.net;

import java.util.Objects;

/**
 * Reads ss's {@code address[%scope]:port} text into an {@link Endpoint} in one pass over a region
 * of any {@code CharSequence}, materialising only the parts the endpoint keeps. Not API.
 */
final class EndpointSyntax {

    private static final Endpoint BARE_IP = new Endpoint(Endpoint.WILDCARD, null, Endpoint.WILDCARD, 0,
            Endpoint.Form.BARE, true);
    private static final Endpoint BARE_NON_IP = new Endpoint(Endpoint.WILDCARD, null, Endpoint.WILDCARD, 0,
            Endpoint.Form.BARE, false);

    private EndpointSyntax() {
    }

    /** Parses {@code text[start, end)}; {@code ipFamily} false for netlink, packet and the like. */
    static Endpoint parse(CharSequence text, int start, int end, boolean ipFamily) {
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
                throw new IllegalArgumentException("endpoint '" + string(text, start, end) + "' has no closing ']'");
            }
            after = hostEnd + 1;
            if (after == end || (text.charAt(after) != ':' && text.charAt(after) != '%')) {
                throw new IllegalArgumentException("endpoint '" + string(text, start, end) + "' has no ':port' after ']'");
            }
        } else {
            hostEnd = colon;
            after = colon;
        }
        if (colon < 0 || colon < after) {
            throw new IllegalArgumentException("endpoint '" + string(text, start, end) + "' has no ':port'");
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
            throw new IllegalArgumentException("endpoint '" + string(text, start, end)
                    + "' has text between ']' and ':port'");
        }
        int portStart = colon + 1;
        if (clean) {
            checkNotEmpty("address", hostStart, hostEnd);
            checkNotEmpty("port", portStart, end);
            if (scopeStart >= 0) {
                checkNotEmpty("interface scope", scopeStart, scopeEnd);
            }
        } else {
            checkWord("address", string(text, hostStart, hostEnd));
            checkWord("port", string(text, portStart, end));
            if (scopeStart >= 0) {
                checkWord("interface scope", string(text, scopeStart, scopeEnd));
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
        if (!ip) {
            return new Endpoint(address, scope, wildcardPort ? Endpoint.WILDCARD : string(text, portStart, end), 0,
                    form, false);
        }
        if (wildcardPort) {
            return new Endpoint(address, scope, Endpoint.WILDCARD, 0, form, true);
        }
        int port = portNumber(text, portStart, end);
        boolean canonical = end - portStart == 1 || text.charAt(portStart) != '0';
        return new Endpoint(address, scope, canonical ? null : string(text, portStart, end), port, form, true);
    }

    private static String string(CharSequence text, int start, int end) {
        return text.subSequence(start, end).toString();
    }

    private static void checkNotEmpty(String what, int start, int end) {
        if (start == end) {
            throw new IllegalArgumentException("endpoint " + what + " is empty");
        }
    }

    static void checkWord(String what, String word) {
        Objects.requireNonNull(word, what);
        if (word.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + what + " is empty");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("endpoint " + what + " '" + word
                        + "' holds a space or control character");
            }
        }
    }

    private static int portNumber(CharSequence text, int start, int end) {
        int value = 0;
        boolean number = end - start <= 5;
        for (int i = start; i < end && number; i++) {
            char c = text.charAt(i);
            number = c >= '0' && c <= '9';
            value = value * 10 + (c - '0');
        }
        if (!number || value > 65535) {
            throw new IllegalArgumentException("port '" + string(text, start, end) + "' is not a number in 0..65535");
        }
        return value;
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
