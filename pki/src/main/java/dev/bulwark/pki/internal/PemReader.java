package dev.bulwark.pki.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict RFC 7468 reader: text outside blocks is ignored (as openssl does), inside a block only
 * base64 lines are allowed, labels must match and blocks must end. Errors carry the source name,
 * line and column; the contents of secret blocks are never quoted. Not API.
 */
public final class PemReader {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
    private static final Pattern END = Pattern.compile("-----END ([A-Z0-9 ]{1,40})-----");
    private static final int MAX_TEXT = 16 * 1024 * 1024;

    private PemReader() {
    }

    /** All blocks in the text, in order. */
    public static List<PemBlock> read(String text, String source) {
        if (text.length() > MAX_TEXT) {
            throw new ParseException(Position.of(source, 1), "PEM text is longer than " + MAX_TEXT + " characters");
        }
        List<PemBlock> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        String label = null;
        Position start = null;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = stripTrailing(lines[i]);
            Position here = Position.of(source, i + 1);
            if (label == null) {
                Matcher begin = BEGIN.matcher(line);
                if (begin.matches()) {
                    label = begin.group(1);
                    start = here;
                    body.setLength(0);
                } else if (line.startsWith("-----END ")) {
                    throw new ParseException(here, "END line without a BEGIN line", line);
                }
                continue;
            }
            Matcher end = END.matcher(line);
            if (end.matches()) {
                if (!end.group(1).equals(label)) {
                    throw new ParseException(here, "END label '" + end.group(1) + "' does not match BEGIN label '" + label + "'");
                }
                blocks.add(new PemBlock(label, decode(body.toString(), start), start));
                label = null;
                continue;
            }
            if (line.startsWith("-----")) {
                throw new ParseException(here, "unexpected boundary inside a " + label + " block", secret(label) ? null : line);
            }
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (!isBase64(ch)) {
                    throw new ParseException(new Position(source, i + 1, c + 1), "character is not base64 in a "
                            + label + " block", secret(label) ? null : String.valueOf(ch));
                }
            }
            body.append(line);
        }
        if (label != null) {
            throw new ParseException(start, "the " + label + " block has no END line");
        }
        return blocks;
    }

    /** The single block with one of the labels; throws when there is none or more than one. */
    public static PemBlock single(String text, String source, List<String> labels) {
        List<PemBlock> found = new ArrayList<>();
        for (PemBlock block : read(text, source)) {
            if (labels.contains(block.label())) {
                found.add(block);
            }
        }
        if (found.isEmpty()) {
            throw new ParseException(Position.of(source, 1), "no " + String.join(" or ", labels) + " block found");
        }
        if (found.size() > 1) {
            throw new ParseException(found.get(1).position(), "more than one " + found.get(0).label() + " block");
        }
        return found.get(0);
    }

    private static boolean secret(String label) {
        return label.contains("PRIVATE");
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    private static byte[] decode(String base64, Position start) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            if (der.length == 0) {
                throw new ParseException(start, "the block is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            if (e instanceof ParseException) {
                throw e;
            }
            throw new ParseException(start, "the block's base64 is malformed");
        }
    }

    /** Encodes a block with 64-character lines. */
    public static String write(String label, byte[] der) {
        StringBuilder out = new StringBuilder(der.length * 4 / 3 + 80);
        out.append("-----BEGIN ").append(label).append("-----\n");
        String base64 = Base64.getEncoder().encodeToString(der);
        for (int i = 0; i < base64.length(); i += 64) {
            out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        out.append("-----END ").append(label).append("-----\n");
        return out.toString();
    }
}
