package dev.bulwark.ssh.internal.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes the SSH wire encoding (RFC 4251 section 5). */
public final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Appends one byte. */
    public WireWriter writeByte(int b) {
        out.write(b);
        return this;
    }

    /** Appends a big-endian uint32. */
    public WireWriter writeUint32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    /** Appends a big-endian uint64. */
    public WireWriter writeUint64(long v) {
        writeUint32(v >>> 32);
        return writeUint32(v & 0xffffffffL);
    }

    /** Appends raw bytes without a length. */
    public WireWriter writeRaw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Appends a length-prefixed byte string. */
    public WireWriter writeString(byte[] bytes) {
        writeUint32(bytes.length);
        return writeRaw(bytes);
    }

    /** Appends a length-prefixed UTF-8 string. */
    public WireWriter writeUtf8(String s) {
        return writeString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a non-negative multiple-precision integer. */
    public WireWriter writeMpint(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative mpint");
        }
        byte[] bytes = v.signum() == 0 ? new byte[0] : v.toByteArray();
        return writeString(bytes);
    }

    /** The number of bytes written so far. */
    public int size() {
        return out.size();
    }

    /** A copy of everything written. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Returns everything written and overwrites the internal buffer (for secret data). */
    public byte[] toByteArrayAndWipe() {
        byte[] result = out.toByteArray();
        byte[] zeros = new byte[out.size()];
        out.reset();
        out.write(zeros, 0, zeros.length);
        out.reset();
        Arrays.fill(zeros, (byte) 0);
        return result;
    }
}
