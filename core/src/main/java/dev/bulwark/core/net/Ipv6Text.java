package dev.bulwark.core.net;

import dev.bulwark.core.Position;

/** Reads and writes the text form of IPv6 addresses (RFC 4291 section 2.2, RFC 5952). Not API. */
final class Ipv6Text {

    private Ipv6Text() {
    }

    /** Parses {@code text} (no scope, no brackets) into 16 bytes; {@code whole} is quoted in errors. */
    static byte[] parse(String text, Position origin, String whole) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 2) >= 0) {
            throw Syntax.error(origin, text.indexOf("::", gap + 2), "'::' may appear only once in an IPv6 address", whole);
        }
        int[] head = new int[10];
        int[] tail = new int[10];
        int headCount;
        int tailCount = 0;
        if (gap < 0) {
            headCount = groups(text, 0, text.length(), head, true, origin, whole);
            if (headCount != 8) {
                throw Syntax.error(origin, 0, "IPv6 address has " + headCount
                        + " groups, not 8 (use '::' for a run of zero groups)", whole);
            }
        } else {
            headCount = gap == 0 ? 0 : groups(text, 0, gap, head, false, origin, whole);
            tailCount = gap + 2 == text.length() ? 0 : groups(text, gap + 2, text.length(), tail, true, origin, whole);
            if (headCount + tailCount > 7) {
                throw Syntax.error(origin, 0, "IPv6 address has " + (headCount + tailCount)
                        + " groups besides '::', more than 7", whole);
            }
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headCount; i++) {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tailCount; i++) {
            put(bytes, 8 - tailCount + i, tail[i]);
        }
        return bytes;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /** Parses colon-separated groups of {@code text[from, to)} into {@code out}; returns the count. */
    private static int groups(String text, int from, int to, int[] out, boolean last, Position origin,
            String whole) {
        int count = 0;
        int start = from;
        while (true) {
            int end = text.indexOf(':', start);
            if (end < 0 || end > to) {
                end = to;
            }
            if (count >= 8) {
                throw Syntax.error(origin, start, "IPv6 address has more than 8 groups", whole);
            }
            if (end == start) {
                throw Syntax.error(origin, start, "empty group in IPv6 address", whole);
            }
            if (last && end == to && text.indexOf('.', start) >= 0 && text.indexOf('.', start) < end) {
                byte[] v4 = IpAddresses.parseIpv4(text.substring(start, end), Syntax.shift(origin, start), whole);
                out[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                return count;
            }
            out[count++] = hexGroup(text, start, end, origin, whole);
            if (end == to) {
                return count;
            }
            start = end + 1;
        }
    }

    /** The value of the hex group {@code text[start, end)}, read where it stands (never copied). */
    private static int hexGroup(String text, int start, int end, Position origin, String whole) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            int digit = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
                    ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw Syntax.error(origin, i, "'" + Syntax.printable(c)
                        + "' is not allowed in an IPv6 address", whole);
            }
            value = value * 16 + digit;
        }
        if (end - start > 4) {
            throw Syntax.error(origin, start, "IPv6 group '" + Syntax.printable(text, start, end)
                    + "' has more than 4 hex digits", whole);
        }
        return value;
    }

    /** The RFC 5952 text of 16 bytes: lower case, longest zero run as '::', v4-mapped as ::ffff:a.b.c.d. */
    static String format(byte[] bytes) {
        if (isIpv4Mapped(bytes)) {
            return "::ffff:" + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "."
                    + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Whether 16 bytes are an IPv4-mapped IPv6 address, {@code ::ffff:0:0/96}. */
    static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
