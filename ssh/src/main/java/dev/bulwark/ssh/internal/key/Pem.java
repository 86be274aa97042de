package dev.bulwark.ssh.internal.key;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PEM armor (RFC 7468, with the RFC 1421 headers OpenSSL's legacy encryption uses) and the
 * similar RFC 4716 armor. Messages never quote the body, which may be secret. Not API.
 */
public final class Pem {

    /** The largest armored text accepted. */
    public static final int MAX_TEXT = 1 << 20;

    private final String label;
    private final Map<String, String> headers;
    private final byte[] body;
    private final int line;

    private Pem(String label, Map<String, String> headers, byte[] body, int line) {
        this.label = label;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.line = line;
    }

    /** The label, e.g. {@code RSA PRIVATE KEY}. */
    public String label() {
        return label;
    }

    /** The headers before the body (legacy encryption's {@code Proc-Type}, RFC 4716's {@code Comment}). */
    public Map<String, String> headers() {
        return headers;
    }

    /** The decoded body: the array itself, owned by the caller after parsing (it may be wiped). */
    public byte[] body() {
        return body;
    }

    /** The 1-based line of the BEGIN line. */
    public int line() {
        return line;
    }

    /** The label of the first {@code -----BEGIN X-----} line, or empty when there is none. */
    public static String firstLabel(String text) {
        int i = text.indexOf("-----BEGIN ");
        if (i < 0) {
            return "";
        }
        int end = text.indexOf("-----", i + 11);
        int nl = text.indexOf('\n', i);
        if (end < 0 || (nl >= 0 && nl < end)) {
            return "";
        }
        return text.substring(i + 11, end);
    }

    /** Parses the first PEM block of {@code text}; anything before or after it is ignored. */
    public static Pem parse(String text, String source) {
        return parse(text, source, "-----BEGIN ", "-----", "-----END ", "-----");
    }

    /** Parses RFC 4716 ({@code ---- BEGIN SSH2 PUBLIC KEY ----}) armor. */
    public static Pem parseRfc4716(String text, String source) {
        return parse(text, source, "---- BEGIN ", " ----", "---- END ", " ----");
    }

    private static Pem parse(String text, String source, String beginPrefix, String suffix,
                             String endPrefix, String endSuffix) {
        if (text.length() > MAX_TEXT) {
            throw new ParseException(Position.of(source, 1), "text is longer than " + MAX_TEXT + " characters");
        }
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].strip().startsWith(beginPrefix)) {
            i++;
        }
        if (i == lines.length) {
            throw new ParseException(Position.of(source, 1), "no '" + beginPrefix.strip() + "' line");
        }
        String begin = lines[i].strip();
        if (!begin.endsWith(suffix) || begin.length() < beginPrefix.length() + suffix.length()) {
            throw new ParseException(Position.of(source, i + 1), "malformed BEGIN line");
        }
        String label = begin.substring(beginPrefix.length(), begin.length() - suffix.length());
        int beginLine = i + 1;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder b64 = new StringBuilder();
        String endLine = endPrefix + label + endSuffix;
        boolean inHeaders = true;
        for (i = i + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals(endLine)) {
                return new Pem(label, headers, decode(b64, source, beginLine), beginLine);
            }
            if (inHeaders && line.contains(":")) {
                StringBuilder value = new StringBuilder(line.substring(line.indexOf(':') + 1).strip());
                String name = line.substring(0, line.indexOf(':')).strip();
                while (value.length() > 0 && value.charAt(value.length() - 1) == '\\' && i + 1 < lines.length) {
                    value.setLength(value.length() - 1);
                    value.append(lines[++i].strip());
                }
                if (headers.size() >= 16 || name.isEmpty()) {
                    throw new ParseException(Position.of(source, i + 1), "malformed or too many headers");
                }
                headers.put(name, value.toString());
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            inHeaders = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
                        || ch == '+' || ch == '/' || ch == '=')) {
                    throw new ParseException(new Position(source, i + 1, c + 1 + lines[i].indexOf(line.charAt(0))),
                            "invalid base64 character in the " + label + " body");
                }
            }
            b64.append(line);
        }
        throw new ParseException(Position.of(source, beginLine), "no '" + endLine + "' line after the BEGIN line");
    }

    private static byte[] decode(StringBuilder b64, String source, int line) {
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new ParseException(Position.of(source, line + 1), "body is not valid base64");
        }
    }

    /** Armors {@code der} with 64-character lines and a trailing newline. */
    public static String encode(String label, byte[] der) {
        return encode(label, der, 64);
    }

    /** Armors {@code der} with lines of {@code width} characters and a trailing newline. */
    public static String encode(String label, byte[] der, int width) {
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        wrap(out, Base64.getEncoder().encodeToString(der), width);
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    /** Appends {@code text} in lines of at most {@code width} characters. */
    public static void wrap(StringBuilder out, String text, int width) {
        for (int i = 0; i < text.length(); i += width) {
            out.append(text, i, Math.min(text.length(), i + width)).append('\n');
        }
    }
}
