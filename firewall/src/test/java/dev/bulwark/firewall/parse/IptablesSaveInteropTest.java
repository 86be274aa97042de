package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The captures of {@link IptablesSaveCapturesTest} against a live kernel, in a throwaway network
 * namespace, with both iptables backends: what the kernel prints back parses to the same rules as
 * the capture, and what {@link IptablesSave#render} writes loads and reads back the same again.
 */
@Tag("interop")
@RequiresNetworkNamespaces
@RequiresTool({"iptables-restore", "iptables-save", "ip6tables-restore", "ip6tables-save", "iptables-legacy-restore",
        "iptables-legacy-save", "ip6tables-legacy-restore", "ip6tables-legacy-save"})
class IptablesSaveInteropTest {

    private static List<String> semantics(Ruleset r) {
        return r.tables().stream().flatMap(t -> t.chains().stream().flatMap(c -> c.rules().stream()
                .map(x -> t.family() + " " + t.name() + " " + c.name() + " " + x.matches() + " -> " + x.target())))
                .sorted().collect(Collectors.toList());
    }

    /** Loads {@code text} with {@code tool}-restore, reads it back with {@code tool}-save and parses that. */
    private static Ruleset roundTrip(NetworkNamespace ns, String tool, String text) throws IOException {
        Path file = Files.createTempFile("bw-iptables", ".rules");
        try {
            Files.writeString(file, text);
            ns.execChecked(tool + "-restore", file.toString());
            return IptablesSave.parse(ns.execChecked(tool + "-save").output(), tool + "-save");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void everyCaptureLoadsReadsBackAndRendersBackTheSameOnBothBackends() throws IOException {
        for (String capture : IptablesSaveCapturesTest.CAPTURES) {
            boolean v6 = capture.startsWith("ip6");
            String tool = (v6 ? "ip6tables" : "iptables") + (capture.contains("legacy") ? "-legacy" : "");
            Ruleset expected = IptablesSave.parse(Resources.text(capture), capture);
            try (NetworkNamespace ns = NetworkNamespace.create("ipt")) {
                Ruleset live = roundTrip(ns, tool, Resources.text(capture));
                assertThat(semantics(live)).as(capture + " through " + tool).isEqualTo(semantics(expected));
                Ruleset rendered = roundTrip(ns, tool, IptablesSave.render(live));
                assertThat(semantics(rendered)).as(capture + " rendered, through " + tool).isEqualTo(semantics(expected));
            }
        }
    }
}
