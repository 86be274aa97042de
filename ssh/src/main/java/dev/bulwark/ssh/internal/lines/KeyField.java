package dev.bulwark.ssh.internal.lines;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.key.SshPublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the {@code keytype base64 [comment]} part of an authorized_keys or known_hosts line, the
 * way OpenSSH's {@code sshkey_read} does: fields separated by spaces or tabs, the comment is the
 * rest of the line. Not API.
 */
public final class KeyField {

    /** The longest base64 token decoded: enough for {@link SshPublicKey#MAX_BLOB} bytes. */
    private static final int MAX_BASE64 = (SshPublicKey.MAX_BLOB / 3 + 1) * 4;

    private KeyField() {
    }

    /** The index of the first character at or after {@code i} that is not a space or tab. */
    public static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The index of the first space or tab at or after {@code i} (or the end). */
    public static int tokenEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    /** The line without a trailing carriage return (kept in the original text, ignored when parsing). */
    public static String body(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Whether the text at {@code from} is a key (a type token followed by base64 whose key blob has
     * that type), as sshd checks before trying to read options.
     */
    public static boolean startsWithKey(String line, int from) {
        int typeEnd = tokenEnd(line, from);
        int blobStart = skipBlanks(line, typeEnd);
        if (typeEnd == from || blobStart == typeEnd) {
            return false;
        }
        byte[] blob = decode(line.substring(blobStart, tokenEnd(line, blobStart)));
        return blob != null && typeMatches(blob, line.substring(from, typeEnd));
    }

    /**
     * Parses {@code type base64 [comment]} starting at index {@code from}.
     *
     * @throws ParseException positioned at the field at fault
     */
    public static SshPublicKey parse(String line, int from, String source, int lineNumber) {
        int typeEnd = tokenEnd(line, from);
        if (typeEnd == from) {
            throw new ParseException(new Position(source, lineNumber, from + 1), "missing key type", line);
        }
        String type = line.substring(from, typeEnd);
        int blobStart = skipBlanks(line, typeEnd);
        int blobEnd = tokenEnd(line, blobStart);
        Position blobAt = new Position(source, lineNumber, blobStart + 1);
        if (blobStart == blobEnd) {
            throw new ParseException(new Position(source, lineNumber, from + 1),
                    "missing base64 key data after key type '" + type + "'", null);
        }
        if (blobEnd - blobStart > MAX_BASE64) {
            throw new ParseException(blobAt, "key data is longer than " + SshPublicKey.MAX_BLOB + " bytes", null);
        }
        byte[] blob = decode(line.substring(blobStart, blobEnd));
        if (blob == null) {
            throw new ParseException(blobAt, "key data is not base64", null);
        }
        if (!typeMatches(blob, type)) {
            throw new ParseException(new Position(source, lineNumber, from + 1),
                    "key type '" + type + "' does not match the type inside the key data", null);
        }
        String comment = line.substring(skipBlanks(line, blobEnd)).stripTrailing();
        try {
            return SshPublicKey.ofBlob(ByteBuffer.wrap(blob), comment);
        } catch (ParseException e) {
            throw new ParseException(blobAt, e.reason(), null, e);
        } catch (IllegalArgumentException e) {
            throw new ParseException(new Position(source, lineNumber, skipBlanks(line, blobEnd) + 1),
                    "comment holds a carriage return or NUL", null, e);
        }
    }

    private static byte[] decode(String base64) {
        if (base64.length() > MAX_BASE64) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean typeMatches(byte[] blob, String type) {
        if (blob.length < 4) {
            return false;
        }
        long length = ((blob[0] & 0xffL) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        byte[] expected = type.getBytes(StandardCharsets.UTF_8);
        if (length != expected.length || blob.length < 4 + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (blob[4 + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
