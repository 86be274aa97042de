package dev.bulwark.ssh.config.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OpenSSH's pattern matching ({@code match.c}, {@code addrmatch.c}): {@code *}/{@code ?}
 * wildcards, comma-separated lists where a matching {@code !}negation wins, and address lists
 * with CIDR networks. Never resolves names. Not API.
 */
public final class Patterns {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** The result of matching an address list. */
    public enum AddressMatch { MATCH, NO_MATCH, NEGATED, INVALID }

    private Patterns() {
    }

    /**
     * {@code match_pattern}: {@code *} any run, {@code ?} one character. O(pattern x name) steps: on
     * a mismatch only the most recent {@code *} is retried one character further, so hostile
     * patterns cannot blow up. Also serves known_hosts host patterns.
     */
    public static boolean wildcard(String s, String pattern) {
        int si = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < pattern.length() && (pattern.charAt(pi) == '?' || pattern.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < pattern.length() && pattern.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pattern.length();
    }

    /** {@code match_pattern_list}: 1 positive match, 0 none, -1 a negated entry matched. */
    public static int list(String s, String patterns, boolean lowerCase) {
        String subject = lowerCase ? s.toLowerCase(Locale.ROOT) : s;
        int result = 0;
        for (String p : patterns.split(",", -1)) {
            boolean negated = p.startsWith("!");
            String body = negated ? p.substring(1) : p;
            if (lowerCase) {
                body = body.toLowerCase(Locale.ROOT);
            }
            if (wildcard(subject, body)) {
                if (negated) {
                    return -1;
                }
                result = 1;
            }
        }
        return result;
    }

    /** {@code ga_match_pattern_list}: whether any group matches and none matches a negation. */
    public static boolean groups(List<String> groups, String patterns) {
        boolean found = false;
        for (String g : groups) {
            int r = list(g, patterns, false);
            if (r == -1) {
                return false;
            }
            if (r == 1) {
                found = true;
            }
        }
        return found;
    }

    /** {@code addr_match_list}; an empty address only validates the list. */
    public static AddressMatch addresses(String address, String patterns) {
        Optional<BigInteger[]> subject = address.isEmpty() ? Optional.empty() : cidr(address, true);
        if (!address.isEmpty() && subject.isEmpty()) {
            return AddressMatch.NO_MATCH;
        }
        AddressMatch result = AddressMatch.NO_MATCH;
        for (String p : patterns.split(",", -1)) {
            boolean negated = p.startsWith("!");
            String body = negated ? p.substring(1) : p;
            if (body.isEmpty()) {
                return AddressMatch.INVALID;
            }
            boolean found;
            if (looksNumeric(body)) {
                Optional<BigInteger[]> net = cidr(body, false);
                if (net.isEmpty()) {
                    return AddressMatch.INVALID;
                }
                found = subject.isPresent() && contains(net.get(), subject.get());
            } else {
                found = !address.isEmpty() && wildcard(address, body);
            }
            if (found) {
                if (negated) {
                    return AddressMatch.NEGATED;
                }
                result = AddressMatch.MATCH;
            }
        }
        return result;
    }

    private static boolean looksNumeric(String s) {
        String addr = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        return IPV4.matcher(addr).matches() || (IPV6.matcher(addr).matches() && !addr.isEmpty());
    }

    /** [address, mask length, bit width]; empty when unparseable or host bits are set beyond the mask. */
    private static Optional<BigInteger[]> cidr(String s, boolean plainOnly) {
        int slash = s.indexOf('/');
        if (slash >= 0 && plainOnly) {
            return Optional.empty();
        }
        String addr = slash >= 0 ? s.substring(0, slash) : s;
        if (!looksNumeric(addr)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            if (IPV4.matcher(addr).matches()) {
                for (String part : addr.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return Optional.empty();
                    }
                }
            }
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
        int bits = bytes.length * 8;
        int mask = bits;
        if (slash >= 0) {
            String m = s.substring(slash + 1);
            if (!m.matches("\\d{1,3}") || Integer.parseInt(m) > bits) {
                return Optional.empty();
            }
            mask = Integer.parseInt(m);
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger hostBits = BigInteger.ONE.shiftLeft(bits - mask).subtract(BigInteger.ONE);
        if (!value.and(hostBits).equals(BigInteger.ZERO)) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger[] {value, BigInteger.valueOf(mask), BigInteger.valueOf(bits)});
    }

    private static boolean contains(BigInteger[] net, BigInteger[] addr) {
        if (!net[2].equals(addr[2])) {
            return false;
        }
        int shift = net[2].intValue() - net[1].intValue();
        return net[0].shiftRight(shift).equals(addr[0].shiftRight(shift));
    }
}
