package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@RequiresTool("wg")
class WireGuardKeyInteropTest {

    @Test
    void wgPubkeyAgreesWithBulwarkOnBulwarkKeys() throws Exception {
        for (int i = 0; i < 25; i++) {
            WireGuardKey key = WireGuardKey.generate();
            assertThat(wg(key.toBase64() + "\n", "pubkey")).isEqualTo(key.publicKey().toBase64());
        }
    }

    @Test
    void bulwarkAgreesWithWgPubkeyOnWgGenkeyKeys() throws Exception {
        for (int i = 0; i < 25; i++) {
            String generated = wg("", "genkey");
            assertThat(WireGuardKey.parse(generated).publicKey().toBase64()).isEqualTo(wg(generated + "\n", "pubkey"));
            assertThat(WireGuardKey.parse(generated).toBase64()).isEqualTo(generated);
        }
    }

    @Test
    void readsWgGenpskKeys() throws Exception {
        String psk = wg("", "genpsk");
        assertThat(WireGuardPresharedKey.parse(psk).toBase64()).isEqualTo(psk);
    }

    static String wg(String input, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(Tools.path("wg"), command)).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
