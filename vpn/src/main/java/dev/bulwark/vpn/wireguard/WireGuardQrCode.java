package dev.bulwark.vpn.wireguard;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A client config as a QR code, the way the WireGuard mobile apps import it: as a PNG image or as
 * text for a terminal. Encoded with ZXing at error correction level L (the most data: 2953
 * bytes); a longer config is refused with a {@link ValidationException} naming its size, never
 * turned into a broken image. The code holds a private key: {@code toString()} shows only its size,
 * and {@link #writePng(Path)} writes the file owner-only.
 *
 * <pre>{@code
 * WireGuardQrCode qr = plan.qrCode("phone");
 * System.out.print(qr.toTerminalText());        // scan it from the screen
 * qr.writePng(Path.of("phone.png"));            // 0600
 * }</pre>
 */
public final class WireGuardQrCode {

    /** The most bytes a QR code holds (version 40, level L, byte mode). */
    public static final int MAX_BYTES = 2953;
    private static final int QUIET_ZONE = 4;

    private final ByteMatrix matrix;

    private WireGuardQrCode(ByteMatrix matrix) {
        this.matrix = matrix;
    }

    /**
     * Encodes {@code text} (a wg-quick config).
     *
     * @throws ValidationException when the text is too large for a QR code
     */
    public static WireGuardQrCode of(String text) {
        Objects.requireNonNull(text, "text");
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw tooLarge(size);
        }
        try {
            QRCode code = Encoder.encode(text, ErrorCorrectionLevel.L, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
            return new WireGuardQrCode(code.getMatrix());
        } catch (WriterException e) {
            throw tooLarge(size);
        }
    }

    private static ValidationException tooLarge(int size) {
        return new ValidationException("the config is " + size + " bytes, too large for a QR code (at most "
                + MAX_BYTES + " bytes); use fewer peers or shorter AllowedIPs, or copy the file instead");
    }

    /** The number of modules per side, without the quiet zone. */
    public int size() {
        return matrix.getWidth();
    }

    /** Whether the module at column {@code x}, row {@code y} is dark. */
    public boolean isDark(int x, int y) {
        return matrix.get(x, y) == 1;
    }

    /** A grayscale PNG, {@code scale} pixels per module (1 to 32), with a 4-module quiet zone. */
    public byte[] toPng(int scale) {
        if (scale < 1 || scale > 32) {
            throw new ValidationException("scale " + scale + " is outside 1..32");
        }
        return PngWriter.write(this, QUIET_ZONE, scale);
    }

    /** Writes {@link #toPng(int)} at 8 pixels per module, owner-only (0600: it holds a private key). */
    public void writePng(Path file) throws IOException {
        SafeFiles.write(file, toPng(8), FileMode.SECRET);
    }

    /**
     * The code drawn with Unicode half blocks, two module rows per line, light modules as ink: for a
     * terminal with a dark background (like {@code qrencode -t UTF8}).
     */
    public String toTerminalText() {
        int n = size();
        StringBuilder out = new StringBuilder();
        for (int y = -QUIET_ZONE; y < n + QUIET_ZONE; y += 2) {
            for (int x = -QUIET_ZONE; x < n + QUIET_ZONE; x++) {
                boolean top = !dark(x, y);
                boolean bottom = !dark(x, y + 1);
                out.append(top && bottom ? '\u2588' : top ? '\u2580' : bottom ? '\u2584' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    boolean dark(int x, int y) {
        return x >= 0 && y >= 0 && x < size() && y < size() && isDark(x, y);
    }

    @Override
    public String toString() {
        return "WireGuardQrCode[" + size() + "x" + size() + " modules, content redacted]";
    }
}
