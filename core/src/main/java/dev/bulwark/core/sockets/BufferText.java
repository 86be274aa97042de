package dev.bulwark.core.sockets;

import java.util.Objects;

/**
 * The parser's line buffer as a {@code CharSequence} with absolute indexes, for
 * {@code Endpoint.parse(CharSequence, int, int)}: its {@code subSequence} hands out shared strings
 * for the addresses every listing repeats ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1},
 * {@code ::1}, {@code lo}) and a new string otherwise. A general cache of all addresses cost more
 * than it saved on listings of many peers (most addresses are seen once). Not API.
 */
final class BufferText implements CharSequence {

    private static final String[] COMMON = {"0.0.0.0", "::", "127.0.0.1", "::1", "lo", "*"};

    private char[] buf;
    private int end;

    /** Points the view at {@code buf[0, end)}. */
    void reset(char[] chars, int length) {
        buf = chars;
        end = length;
    }

    @Override
    public int length() {
        return end;
    }

    @Override
    public char charAt(int index) {
        return buf[Objects.checkIndex(index, end)];
    }

    /** The characters {@code [start, end)} as a string, shared when it is a common address. */
    @Override
    public String subSequence(int start, int end) {
        int length = end - start;
        if (length <= 9) {
            for (String common : COMMON) {
                if (common.length() == length && same(common, start)) {
                    return common;
                }
            }
        }
        return new String(buf, start, length);
    }

    private boolean same(String common, int start) {
        for (int i = 0; i < common.length(); i++) {
            if (buf[start + i] != common.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return new String(buf, 0, end);
    }
}
