package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan rebuilt from what it persisted (keys, preshared keys, allocations) is the same plan. */
class WireGuardPlanPersistenceTest {

    @TempDir
    Path dir;

    private WireGuardPlan persisted() throws IOException {
        WireGuardPlan plan = RebuildPlanMain.recipe().build();
        Files.writeString(dir.resolve("plan.keys"), plan.keys().render());
        Files.writeString(dir.resolve("plan.addresses"), plan.allocations().render());
        return plan;
    }

    @Test
    void aPlanRebuiltInAFreshJvmFromItsPersistedFormRendersByteIdenticalConfigs() throws Exception {
        WireGuardPlan plan = persisted();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath(), RebuildPlanMain.class.getName(), dir.toString()));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        Map<String, String> rebuilt = new TreeMap<>();
        for (String node : plan.nodes()) {
            rebuilt.put(node, Files.readString(dir.resolve("out").resolve(node + ".conf")));
        }
        assertThat(rebuilt).isEqualTo(new TreeMap<>(plan.render()));
        assertThat(rebuilt.get("laptop")).contains("PresharedKey = ");
    }

    @Test
    void rotatingOneNodeOfARebuiltPlanChangesOnlyItsConfigAndItsPeers() throws IOException {
        WireGuardPlan original = persisted();
        WireGuardPlan rebuilt = RebuildPlanMain.rebuild(dir);
        assertThat(rebuilt.render()).isEqualTo(original.render());
        Map<String, String> before = original.render();
        Map<String, String> after = rebuilt.rotateKey("laptop", new SecureRandom()).render();
        List<String> changed = new ArrayList<>();
        for (String node : original.nodes()) {
            if (!before.get(node).equals(after.get(node))) {
                changed.add(node);
            }
        }
        assertThat(changed).containsExactlyInAnyOrder("laptop", "gw");
        // and a node added to the rebuilt plan changes only the hub's config besides its own
        WireGuardPlan bigger = RebuildPlanMain.recipe().client("watch")
                .keys(WireGuardPlanKeys.parse(Files.readString(dir.resolve("plan.keys")), "plan.keys"))
                .allocations(rebuilt.allocations()).build();
        for (String node : List.of("laptop", "phone", "tablet")) {
            assertThat(bigger.render().get(node)).as(node).isEqualTo(before.get(node));
        }
        assertThat(bigger.render().get("gw")).isNotEqualTo(before.get("gw"));
    }

    @Test
    void keysRoundTripAndStayRedacted() {
        WireGuardPlan plan = RebuildPlanMain.recipe().build();
        WireGuardPlanKeys keys = plan.keys();
        assertThat(WireGuardPlanKeys.parse(keys.render(), "k")).isEqualTo(keys);
        assertThat(keys.nodes()).containsExactly("gw", "laptop", "phone", "tablet");
        assertThat(keys.presharedKey("laptop", "gw")).isEqualTo(keys.presharedKey("gw", "laptop")).isPresent();
        assertThat(keys.presharedKey("laptop", "phone")).isEmpty();
        assertThat(keys.toString()).isEqualTo("WireGuardPlanKeys[4 keys [gw, laptop, phone, tablet], 3 preshared keys,"
                + " redacted]").doesNotContain(keys.key("gw").orElseThrow().toBase64());
        assertThat(keys.render().lines().filter(l -> l.startsWith("psk "))).hasSize(3);
    }

    @Test
    void parseErrorsNameTheLineAndNeverQuoteAKey() {
        String secret = WireGuardKey.generate().toBase64();
        assertThatThrownBy(() -> WireGuardPlanKeys.parse("# keys\nkey " + secret + " gw\n", "plan.keys"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("plan.keys:2:1: word 2 is not a node name")
                .hasMessageNotContaining(secret.substring(0, 8));
        assertThatThrownBy(() -> WireGuardPlanKeys.parse(secret + "\n", "plan.keys"))
                .hasMessageStartingWith("plan.keys:1:1: expected 'key NODE KEY' or 'psk NODE NODE KEY'")
                .hasMessageNotContaining(secret.substring(0, 8));
        assertThatThrownBy(() -> WireGuardPlanKeys.parse("key gw " + secret + "\nkey gw " + secret + "\n", "k"))
                .hasMessageStartingWith("k:2:1: node 'gw' has two keys").hasMessageNotContaining(secret.substring(0, 8));
        assertThatThrownBy(() -> WireGuardPlanKeys.parse("psk gw gw " + secret + "\n", "k"))
                .hasMessageContaining("a preshared key joins two different nodes");
        assertThatThrownBy(() -> WireGuardPlanKeys.parse("key gw notbase64!\n", "k"))
                .isInstanceOf(ParseException.class).hasMessageNotContaining("notbase64");
    }

    private static String classPath() {
        List<String> parts = new ArrayList<>();
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
