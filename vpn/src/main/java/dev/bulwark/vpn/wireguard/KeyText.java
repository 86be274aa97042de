package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Base64;

/** Decodes the 44-character base64 form of WireGuard's 32-byte keys. Not API. */
final class KeyText {

    static final int KEY_BYTES = 32;
    static final int KEY_CHARS = 44;

    private KeyText() {
    }

    /**
     * Decodes a key; {@code secret} keys are never quoted in the error.
     *
     * @throws ParseException naming what is wrong
     */
    static byte[] decode(String text, String what, Position at, boolean secret) {
        if (text == null) {
            throw new ParseException(at, what + " is missing");
        }
        if (text.length() != KEY_CHARS) {
            throw error(at, what + " must be " + KEY_CHARS + " characters of base64 (32 bytes), not "
                    + text.length() + " characters", text, secret);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=' && i == KEY_CHARS - 1;
            if (!ok) {
                Position column = new Position(at.source(), at.line(), at.column() + i);
                throw error(column, what + " holds a character that is not base64 at index " + i, text, secret);
            }
        }
        if (text.charAt(KEY_CHARS - 1) != '=') {
            // 44 characters without padding are 33 bytes, which no WireGuard key has
            Position last = new Position(at.source(), at.line(), at.column() + KEY_CHARS - 1);
            throw error(last, what + " must be " + KEY_CHARS + " characters of base64 (32 bytes), not 33 bytes"
                    + " (it must end in '=')", text, secret);
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw error(at, what + " is not canonical base64 (the last character has stray bits)", text, secret);
        }
        return bytes;
    }

    private static ParseException error(Position at, String reason, String text, boolean secret) {
        return secret ? new ParseException(at, reason) : new ParseException(at, reason, text);
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
