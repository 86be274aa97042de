package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Base64;

/** Splits the OpenSSH one-line public key form into its parts. Not API. */
public final class PublicKeyText {

    /** The longest one-line key accepted (16 KiB of base64 is far beyond any real key). */
    public static final int MAX_LINE = 32 * 1024;

    /** The parts of a one-line key; {@code blobColumn} is where the base64 starts. */
    public static final class Parts {
        /** The type token. */
        public final String type;
        /** The decoded blob. */
        public final byte[] blob;
        /** The comment, possibly empty. */
        public final String comment;
        /** The 1-based column of the base64 token. */
        public final int blobColumn;

        Parts(String type, byte[] blob, String comment, int blobColumn) {
            this.type = type;
            this.blob = blob;
            this.comment = comment;
            this.blobColumn = blobColumn;
        }
    }

    private PublicKeyText() {
    }

    /** Whether {@code c} may appear in a key type name. */
    public static boolean isTypeChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '@' || c == '.' || c == '_' || c == '+';
    }

    /** Parses {@code type base64 [comment]} on line {@code line} of {@code source}. */
    public static Parts parseLine(String text, String source, int line) {
        if (text.length() > MAX_LINE) {
            throw new ParseException(Position.of(source, line), "key line is longer than " + MAX_LINE + " characters");
        }
        String body = text;
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.endsWith("\r")) {
            body = body.substring(0, body.length() - 1);
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new ParseException(new Position(source, line, i + 1),
                        "a one-line public key must be a single line without NUL characters");
            }
        }
        int i = skipSpace(body, 0);
        int typeStart = i;
        while (i < body.length() && !isSpace(body.charAt(i))) {
            if (!isTypeChar(body.charAt(i))) {
                throw new ParseException(new Position(source, line, i + 1),
                        "invalid character in key type", body.substring(typeStart, Math.min(body.length(), i + 1)));
            }
            i++;
        }
        if (i == typeStart) {
            throw new ParseException(new Position(source, line, i + 1), "empty line where a public key was expected");
        }
        String type = body.substring(typeStart, i);
        i = skipSpace(body, i);
        int b64Start = i;
        while (i < body.length() && !isSpace(body.charAt(i))) {
            i++;
        }
        if (i == b64Start) {
            throw new ParseException(new Position(source, line, i + 1), "missing base64 key data after '" + type + "'");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(body.substring(b64Start, i));
        } catch (IllegalArgumentException e) {
            throw new ParseException(new Position(source, line, b64Start + 1), "key data is not valid base64",
                    body.substring(b64Start, i));
        }
        String comment = body.substring(skipSpace(body, i)).strip();
        return new Parts(type, blob, comment, b64Start + 1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
