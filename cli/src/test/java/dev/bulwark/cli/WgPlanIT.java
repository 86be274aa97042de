package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark wg plan} through the built launcher, its keys checked with {@code wg pubkey}. */
@RequiresTool("wg")
class WgPlanIT {

    @TempDir
    Path dir;

    @Test
    void everyNodesPrivateKeyMatchesThePublicKeyItsPeersAndTheOutputName() throws Exception {
        Launcher.Run run = Launcher.run(dir, "wg", "plan", "--hub", "gw", "--endpoint", "203.0.113.1:51820",
                "--network", "10.8.0.0/24", "--client", "laptop", "--client", "phone", "--out", "wg");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).doesNotContain("PrivateKey");
        String gw = Files.readString(dir.resolve("wg/gw.conf"));
        for (String node : List.of("gw", "laptop", "phone")) {
            Path conf = dir.resolve("wg/" + node + ".conf");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-------");
            String privateKey = value(Files.readString(conf), "PrivateKey");
            String publicKey = ToolRuns.run(dir, privateKey + "\n", "wg", "pubkey").stdout().strip();
            assertThat(run.stdout()).contains("wg/" + node + ".conf 10.8.0." + (List.of("gw", "laptop", "phone").indexOf(node) + 1)
                    + " " + publicKey + "\n");
            assertThat(run.stdout()).doesNotContain(privateKey);
            if (!node.equals("gw")) {
                assertThat(gw).contains("PublicKey = " + publicKey);
                assertThat(Files.readString(conf)).contains("PublicKey = " + ToolRuns.run(dir,
                        value(gw, "PrivateKey") + "\n", "wg", "pubkey").stdout().strip());
            }
        }
    }

    @Test
    void aSecondRunKeepsKeysAndAddressesAndChangesOnlyWhatMust() throws Exception {
        Launcher.run(dir, "wg", "plan", "--hub", "gw", "--endpoint", "203.0.113.1:51820", "--network", "10.8.0.0/24",
                "--client", "laptop", "--out", "wg");
        String laptop = Files.readString(dir.resolve("wg/laptop.conf"));

        Launcher.Run run = Launcher.run(dir, "wg", "plan", "--hub", "gw", "--endpoint", "203.0.113.1:51820",
                "--network", "10.8.0.0/24", "--client", "laptop", "--client", "tablet", "--out", "wg");

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("wg/laptop.conf"))).isEqualTo(laptop);
        assertThat(run.stdout()).contains("wg/tablet.conf 10.8.0.3 ");
    }

    @Test
    void aBadEndpointIsRefusedNamingIt() throws Exception {
        Launcher.Run run = Launcher.run(dir, "wg", "plan", "--hub", "gw", "--endpoint", "203.0.113.1",
                "--network", "10.8.0.0/24", "--out", "wg");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("bulwark: endpoint '203.0.113.1' is not host:port (IPv6 goes in brackets)\n");
        assertThat(Files.exists(dir.resolve("wg"))).isFalse();
    }

    private static String value(String config, String key) {
        return config.lines().filter(l -> l.startsWith(key + " = ")).findFirst().orElseThrow()
                .substring(key.length() + 3).strip();
    }
}
