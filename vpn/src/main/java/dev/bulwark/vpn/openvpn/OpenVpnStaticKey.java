package dev.bulwark.vpn.openvpn;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenVPN static key (2048 bits), the secret of {@code tls-crypt} and {@code tls-auth}, in the
 * "OpenVPN Static key V1" format {@code openvpn --genkey secret} writes: 16 lines of 32 hex digits
 * between {@code -----BEGIN OpenVPN Static key V1-----} and {@code -----END OpenVPN Static key V1-----}.
 * A secret: {@code toString()} is redacted, equality is constant-time, errors never quote it, and
 * {@link #write(Path)} creates the file owner-only.
 *
 * <pre>{@code
 * OpenVpnStaticKey key = OpenVpnStaticKey.generate();
 * key.write(Path.of("/etc/openvpn/server/tc.key"));            // 0600
 * OpenVpnStaticKey same = OpenVpnStaticKey.read(Path.of("/etc/openvpn/server/tc.key"));
 * }</pre>
 */
public final class OpenVpnStaticKey {

    /** The key size in bytes (2048 bits). */
    public static final int BYTES = 256;
    static final String BEGIN = "-----BEGIN OpenVPN Static key V1-----";
    static final String END = "-----END OpenVPN Static key V1-----";

    private final byte[] bytes;

    private OpenVpnStaticKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** 256 bytes from a strong {@link SecureRandom}. */
    public static OpenVpnStaticKey generate() {
        return generate(new SecureRandom());
    }

    /** 256 bytes from {@code random}. */
    public static OpenVpnStaticKey generate(SecureRandom random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return new OpenVpnStaticKey(b);
    }

    /**
     * Parses the V1 format: {@code #} comment lines and blank lines around the block are ignored;
     * inside it, hex digits only, 2048 bits in all.
     *
     * @throws ParseException with the line (the key is never quoted)
     */
    public static OpenVpnStaticKey parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        String[] lines = text.split("\r?\n", -1);
        int state = 0; // 0 before, 1 inside, 2 after
        StringBuilder hex = new StringBuilder();
        int beginLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Position at = Position.of(source, i + 1);
            if (state == 0) {
                if (line.equals(BEGIN)) {
                    state = 1;
                    beginLine = i + 1;
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    throw new ParseException(at, "expected '" + BEGIN + "'");
                }
            } else if (state == 1) {
                if (line.equals(END)) {
                    state = 2;
                    continue;
                }
                for (int c = 0; c < line.length(); c++) {
                    if (Character.digit(line.charAt(c), 16) < 0) {
                        throw new ParseException(new Position(source, i + 1, c + 1), "not a hex digit in the static key");
                    }
                }
                hex.append(line);
                if (hex.length() > 2 * BYTES) {
                    throw new ParseException(at, "the static key is longer than 2048 bits");
                }
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                throw new ParseException(at, "text after '" + END + "'");
            }
        }
        if (state == 0) {
            throw new ParseException(Position.of(source, 1), "no '" + BEGIN + "' line");
        }
        if (state == 1) {
            throw new ParseException(Position.of(source, lines.length), "no '" + END + "' line");
        }
        if (hex.length() != 2 * BYTES) {
            throw new ParseException(Position.of(source, beginLine), "the static key has " + hex.length() * 4
                    + " bits, not 2048");
        }
        return new OpenVpnStaticKey(HexFormat.of().parseHex(hex));
    }

    /** Parses text given directly; see {@link #parse(String, String)}. */
    public static OpenVpnStaticKey parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<OpenVpnStaticKey> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Reads and parses a key file. */
    public static OpenVpnStaticKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.getFileName().toString());
    }

    /** The V1 text, as {@code openvpn --genkey secret} writes it; this is the secret. */
    public String render() {
        StringBuilder out = new StringBuilder("#\n# 2048 bit OpenVPN static key\n#\n").append(BEGIN).append('\n');
        String hex = HexFormat.of().formatHex(bytes);
        for (int i = 0; i < hex.length(); i += 32) {
            out.append(hex, i, i + 32).append('\n');
        }
        return out.append(END).append('\n').toString();
    }

    /** Writes {@link #render()} atomically, mode 0600 from creation. */
    public void write(Path file) throws IOException {
        SafeFiles.writeString(file, render(), FileMode.SECRET);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenVpnStaticKey && MessageDigest.isEqual(bytes, ((OpenVpnStaticKey) o).bytes);
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "OpenVpnStaticKey[redacted]";
    }
}
