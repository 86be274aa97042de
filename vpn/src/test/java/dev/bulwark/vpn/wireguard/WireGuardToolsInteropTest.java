package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rendered config is accepted by wg-quick strip, and the stripped form by wg setconf. */
@RequiresTool({"wg", "wg-quick", "wireguard-go", "ip"})
class WireGuardToolsInteropTest {

    @TempDir
    Path dir;

    @Test
    void wgQuickStripAcceptsEveryRenderedConfigAndGivesTheSetconfForm() throws Exception {
        for (WireGuardPlan plan : SamplePlans.all()) {
            for (Map.Entry<String, String> file : plan.render().entrySet()) {
                String stripped = strip(file.getValue());
                WireGuardConfig config = plan.config(file.getKey());
                assertThat(stripped.strip()).as(file.getKey()).isEqualTo(config.renderSetconf().strip());
                WireGuardConfig parsed = WireGuardConfig.parse(stripped, "stripped");
                assertThat(parsed.peers()).isEqualTo(config.peers());
                assertThat(parsed.interfaceSection().privateKey()).isEqualTo(config.interfaceSection().privateKey());
            }
        }
    }

    @Test
    @RequiresNetworkNamespaces
    void wgSetconfAcceptsEveryStrippedConfig() throws Exception {
        String name = WgTools.uniqueInterface();
        try (NetworkNamespace ns = NetworkNamespace.create("wgset")) {
            Process wireguard = WgTools.start(ns, name);
            try {
                for (WireGuardPlan plan : SamplePlans.all()) {
                    for (Map.Entry<String, String> file : plan.render().entrySet()) {
                        Path conf = dir.resolve("setconf.conf");
                        SafeFiles.writeString(conf, strip(file.getValue()), FileMode.SECRET);
                        NetworkNamespace.ProcessResult r = ns.exec(Tools.path("wg"), "setconf", name, conf.toString());
                        assertThat(r.exitCode()).as(file.getKey() + ": " + r.output()).isZero();
                        String dump = ns.execChecked(Tools.path("wg"), "show", name, "public-key").output().strip();
                        assertThat(dump).isEqualTo(plan.publicKey(file.getKey()).toBase64());
                        String peers = ns.execChecked(Tools.path("wg"), "show", name, "peers").output();
                        for (String peer : plan.peersOf(file.getKey())) {
                            assertThat(peers).contains(plan.publicKey(peer).toBase64());
                        }
                    }
                }
            } finally {
                WgTools.stop(wireguard, name);
            }
        }
    }

    private String strip(String text) throws Exception {
        Path conf = dir.resolve("wg0.conf");
        SafeFiles.writeString(conf, text, FileMode.SECRET);
        Process p = new ProcessBuilder(List.of(Tools.path("wg-quick"), "strip", conf.toString())).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }
}
