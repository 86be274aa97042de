package dev.bulwark.core.sockets;

import java.util.Objects;

/**
 * The parser's line buffer as a {@code CharSequence} with absolute indexes, for
 * {@code Endpoint.parse(CharSequence, int, int)}: its {@code subSequence} hands out shared strings
 * from a {@link Words} cache, so a repeated address is not allocated again. Not API.
 */
final class BufferText implements CharSequence {

    private final Words strings;
    private char[] buf;
    private int end;

    BufferText(Words strings) {
        this.strings = strings;
    }

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

    /** The characters {@code [start, end)} as a string, shared when the same text was seen recently. */
    @Override
    public String subSequence(int start, int end) {
        return strings.get(buf, start, end);
    }

    @Override
    public String toString() {
        return new String(buf, 0, end);
    }
}
