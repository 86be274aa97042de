package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireGuardQrCodeTest {

    @TempDir
    Path dir;

    private static WireGuardPlanBuilder plan() {
        return WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("vpn.example.com:51820"))
                .network(IpNetwork.parse("10.8.0.0/24")).network(IpNetwork.parse("fd00:8::/64")).dns("10.8.0.1");
    }

    @Test
    void thePngDecodesToTheClientConfig() throws Exception {
        WireGuardPlan plan = plan().client("phone").build();
        WireGuardQrCode qr = plan.qrCode("phone");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(qr.toPng(4)));
        assertThat(image.getWidth()).isEqualTo((qr.size() + 8) * 4);
        assertThat(decode(image)).isEqualTo(plan.render().get("phone"));
        Path file = dir.resolve("phone.png");
        qr.writePng(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(decode(ImageIO.read(file.toFile()))).isEqualTo(plan.render().get("phone"));
        assertThat(qr.toString()).doesNotContain("PrivateKey").contains("redacted");
    }

    @Test
    void theTerminalTextDrawsTheSameModules() throws Exception {
        WireGuardPlan plan = plan().client("phone").build();
        WireGuardQrCode qr = plan.qrCode("phone");
        String[] lines = qr.toTerminalText().split("\n");
        int side = qr.size() + 8;
        BufferedImage image = new BufferedImage(side * 4, (lines.length * 2) * 4, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < lines.length; row++) {
            assertThat(lines[row]).hasSize(side);
            for (int x = 0; x < side; x++) {
                char c = lines[row].charAt(x);
                boolean topLight = c == '\u2588' || c == '\u2580';
                boolean bottomLight = c == '\u2588' || c == '\u2584';
                paint(image, x, 2 * row, topLight);
                paint(image, x, 2 * row + 1, bottomLight);
            }
        }
        assertThat(decode(image)).isEqualTo(plan.render().get("phone"));
    }

    @Test
    void aConfigTooLargeForAQrCodeIsAClearError() {
        WireGuardPlanBuilder big = plan();
        for (int i = 0; i < 40; i++) {
            big.client("client" + i);
        }
        WireGuardPlan plan = big.build();
        int size = plan.render().get("gw").length();
        assertThat(size).isGreaterThan(WireGuardQrCode.MAX_BYTES);
        assertThatThrownBy(() -> plan.qrCode("gw")).isInstanceOf(ValidationException.class)
                .hasMessage("the config is " + size + " bytes, too large for a QR code (at most 2953 bytes);"
                        + " use fewer peers or shorter AllowedIPs, or copy the file instead");
        assertThatThrownBy(() -> WireGuardQrCode.of("x").toPng(0)).hasMessage("scale 0 is outside 1..32");
    }

    @Test
    void holdsExactlyMaxBytesOfAsciiAndOneLessOfOtherUtf8() throws Exception {
        String largest = "x".repeat(WireGuardQrCode.MAX_BYTES);
        assertThat(decode(ImageIO.read(new java.io.ByteArrayInputStream(WireGuardQrCode.of(largest).toPng(4)))))
                .isEqualTo(largest);
        assertThatThrownBy(() -> WireGuardQrCode.of(largest + "x")).isInstanceOf(ValidationException.class)
                .hasMessage("the config is 2954 bytes, too large for a QR code (at most 2953 bytes);"
                        + " use fewer peers or shorter AllowedIPs, or copy the file instead");
        String accented = "\u00e9" + "x".repeat(WireGuardQrCode.MAX_BYTES - 3);
        assertThat(decode(ImageIO.read(new java.io.ByteArrayInputStream(WireGuardQrCode.of(accented).toPng(4)))))
                .isEqualTo(accented);
        assertThatThrownBy(() -> WireGuardQrCode.of(accented + "x")).isInstanceOf(ValidationException.class)
                .hasMessage("the config is 2953 bytes, too large for a QR code (at most 2952 bytes);"
                        + " use fewer peers or shorter AllowedIPs, or copy the file instead");
    }

    private static void paint(BufferedImage image, int x, int y, boolean light) {
        for (int dx = 0; dx < 4; dx++) {
            for (int dy = 0; dy < 4; dy++) {
                if (y * 4 + dy < image.getHeight()) {
                    image.setRGB(x * 4 + dx, y * 4 + dy, light ? 0xffffff : 0);
                }
            }
        }
    }

    private static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        // The images are pristine (exact module grid plus quiet zone): PURE_BARCODE reads that grid
        // exactly instead of estimating it, which the general detector got wrong now and then.
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
