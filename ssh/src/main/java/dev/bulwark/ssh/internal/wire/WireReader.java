package dev.bulwark.ssh.internal.wire;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the SSH wire encoding (RFC 4251 section 5) from a byte array, bounds-checked. */
public final class WireReader {

    /** No single string in a key or certificate is longer than this. */
    public static final int MAX_STRING = 1 << 20;

    private final byte[] data;
    private final int end;
    private int pos;

    /** A reader over all of {@code data} (not copied). */
    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** A reader over {@code data[from, to)} (not copied). */
    public WireReader(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    /** The number of unread bytes. */
    public int remaining() {
        return end - pos;
    }

    /** The current read offset in the underlying array. */
    public int position() {
        return pos;
    }

    /** Whether every byte has been read. */
    public boolean atEnd() {
        return pos == end;
    }

    private void need(int n, String what) {
        if (n < 0 || n > end - pos) {
            throw new WireException("truncated data reading " + what);
        }
    }

    /** One byte, unsigned. */
    public int readByte(String what) {
        need(1, what);
        return data[pos++] & 0xff;
    }

    /** A big-endian uint32 as a long. */
    public long readUint32(String what) {
        need(4, what);
        long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xffL) << 16)
                | ((data[pos + 2] & 0xffL) << 8) | (data[pos + 3] & 0xffL);
        pos += 4;
        return v;
    }

    /** A big-endian uint64 as a long (two's complement for values above Long.MAX_VALUE). */
    public long readUint64(String what) {
        long hi = readUint32(what);
        long lo = readUint32(what);
        return (hi << 32) | lo;
    }

    /** A length-prefixed byte string. */
    public byte[] readString(String what) {
        int from = skipString(what);
        return Arrays.copyOfRange(data, from, pos);
    }

    /**
     * A reader over a length-prefixed byte string (a section of a larger structure) that shares
     * this reader's array instead of copying it, so nested sections cost nothing per level.
     */
    public WireReader readNested(String what) {
        return readNested(what, MAX_STRING);
    }

    /**
     * Like {@link #readNested(String)} for a section that may be longer than {@link #MAX_STRING}
     * (a KRL's sections are bounded by the KRL's own size): up to {@code maxLength} bytes.
     */
    public WireReader readNested(String what, long maxLength) {
        int from = skipString(what, maxLength);
        return new WireReader(data, from, pos);
    }

    /**
     * How many length-prefixed strings the unread bytes hold, without reading them: sizes a
     * collection once instead of growing it string by string.
     *
     * @throws WireException when the bytes are not a whole number of strings
     */
    public int countStrings(String what) {
        WireReader copy = new WireReader(data, pos, end);
        int count = 0;
        while (!copy.atEnd()) {
            copy.skipString(what, Integer.MAX_VALUE);
            count++;
        }
        return count;
    }

    /** A length-prefixed byte string, strictly UTF-8, decoded where it stands (not copied first). */
    public String readUtf8(String what) {
        int from = skipString(what);
        boolean ascii = true;
        for (int i = from; i < pos && ascii; i++) {
            ascii = data[i] >= 0;
        }
        if (ascii) {
            return new String(data, from, pos - from, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, from, pos - from)).toString();
        } catch (CharacterCodingException e) {
            throw new WireException(what + " is not valid UTF-8");
        }
    }

    /** Reads a string's length, checks it, moves past the string and returns where the string starts. */
    private int skipString(String what) {
        return skipString(what, MAX_STRING);
    }

    private int skipString(String what, long maxLength) {
        long len = readUint32(what);
        if (len > maxLength) {
            throw new WireException(what + " is longer than " + maxLength + " bytes");
        }
        need((int) len, what);
        int from = pos;
        pos += (int) len;
        return from;
    }

    /** A non-negative multiple-precision integer (negative ones are refused). */
    public BigInteger readMpint(String what) {
        byte[] bytes = readString(what);
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        if ((bytes[0] & 0x80) != 0) {
            throw new WireException(what + " is negative");
        }
        if (bytes.length > 2049) {
            throw new WireException(what + " is larger than 16384 bits");
        }
        return new BigInteger(bytes);
    }

    /** Fails unless every byte has been read. */
    public void expectEnd(String what) {
        if (pos != end) {
            throw new WireException(remaining() + " unexpected trailing bytes after " + what);
        }
    }
}
