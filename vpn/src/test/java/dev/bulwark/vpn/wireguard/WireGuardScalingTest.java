package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large and hostile wg-quick files that took minutes while every new peer was checked against all
 * earlier ones (2,000 peers took 47 s, 50,000 did not finish in 300 s). Checked peer by peer in
 * O(log n) they take well under a second; the timeouts are generous so that a loaded machine never
 * fails them, while the old quadratic and cubic paths would. How the time grows is measured in
 * {@code ParserScalingBenchmark} (benchmarks module).
 */
class WireGuardScalingTest {

    private static final WireGuardKey KEY = WireGuardKey.generate();

    /** A public key made from a number: any 32 bytes are a valid WireGuard public key. */
    static String key(int n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(32).putInt(28, n).array());
    }

    /** An interface and {@code peers} peers, peer i routing 10.x.y.z/32 (i + 1 as an address). */
    static String peers(int peers) {
        StringBuilder b = new StringBuilder("[Interface]\nPrivateKey = " + KEY.toBase64() + "\nListenPort = 51820\n");
        for (int i = 0; i < peers; i++) {
            int a = i + 1;
            b.append("\n# peer-").append(i).append("\n[Peer]\nPublicKey = ").append(key(i)).append("\nAllowedIPs = 10.")
                    .append(a >>> 16 & 255).append('.').append(a >>> 8 & 255).append('.').append(a & 255).append("/32, fd00::")
                    .append(Integer.toHexString(a)).append("/128\n");
        }
        return b.toString();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void parsesFiftyThousandPeers() {
        WireGuardConfig config = WireGuardConfig.parse(peers(50_000), "wg0.conf");

        assertThat(config.peers()).hasSize(50_000);
        assertThat(config.peer("peer-49999").orElseThrow().allowedIps()).extracting(Object::toString)
                .containsExactly("10.0.195.80/32", "fd00::c350/128");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void findsAnOverlapBetweenTheLastPeerAndTheFirstAmongTenThousand() {
        String text = peers(10_000) + "\n[Peer]\nPublicKey = " + key(10_000) + "\nAllowedIPs = 10.0.0.0/24\n";

        assertThatThrownBy(() -> WireGuardConfig.parse(text, "wg0.conf"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("wg0.conf:50005:1: peers 'peer-0' and #10001 have overlapping AllowedIPs "
                        + "10.0.0.1/32 and 10.0.0.0/24");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void leniencyDropsEachOfTenThousandConflictingPeers() {
        StringBuilder text = new StringBuilder(peers(1));
        for (int i = 0; i < 10_000; i++) {
            text.append("[Peer]\nPublicKey = ").append(key(100_000 + i)).append("\nAllowedIPs = 10.128.0.0/9\n");
        }

        ParseResult<WireGuardConfig> result = WireGuardConfig.parseLenient(text.toString(), "wg0.conf");

        assertThat(result.value().peers()).hasSize(2);
        assertThat(result.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS);
        assertThat(result.diagnostics().get(0)).hasMessageStartingWith("wg0.conf:12:1: peers #2 and #3 have overlapping"
                + " AllowedIPs 10.128.0.0/9 and 10.128.0.0/9");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void acceptsOnePeerWithTwentyThousandAllowedIpLines() {
        StringBuilder text = new StringBuilder(peers(0)).append("[Peer]\nPublicKey = ").append(key(1)).append('\n');
        for (int a = 0; a < 20_000; a++) {
            text.append("AllowedIPs = 10.").append(a >>> 16 & 255).append('.').append(a >>> 8 & 255).append('.')
                    .append(a & 255).append("/32\n");
        }

        assertThat(WireGuardConfig.parse(text.toString()).peers().get(0).allowedIps()).hasSize(20_000);
    }

    @Test
    void refusesAPeerWhoseAllowedIpsOverlapEachOther() {
        String text = peers(0) + "[Peer]\nPublicKey = " + key(1) + "\nAllowedIPs = 10.1.0.0/16, 10.2.0.0/16, 10.0.0.0/8\n";

        assertThatThrownBy(() -> WireGuardConfig.parse(text, "wg0.conf"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("AllowedIPs 10.1.0.0/16 and 10.0.0.0/8 overlap");
    }
}
