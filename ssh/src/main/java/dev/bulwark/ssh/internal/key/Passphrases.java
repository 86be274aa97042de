package dev.bulwark.ssh.internal.key;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Converts passphrases to bytes without going through {@code String}. Not API. */
public final class Passphrases {

    private Passphrases() {
    }

    /** The UTF-8 bytes of {@code passphrase}; the caller wipes the result. */
    public static byte[] utf8(char[] passphrase) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return out;
    }

    /** Whether a passphrase was given (non-null and non-empty). */
    public static boolean present(char[] passphrase) {
        return passphrase != null && passphrase.length > 0;
    }
}
