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

/** The parsers against live output of the real tools, in a throwaway network namespace. */
@Tag("interop")
@RequiresNetworkNamespaces
class ParsersInteropTest {

    private static List<String> semantics(Ruleset r) {
        return r.tables().stream().flatMap(t -> t.chains().stream().map(c -> t.family() + " " + t.name() + " " + c.name()
                + " " + c.hook() + " " + c.priority() + " " + c.policy() + " " + c.rules().stream()
                .map(x -> x.matches() + " -> " + x.target()).collect(Collectors.toList()))).collect(Collectors.toList());
    }

    private static Path write(String resource) throws IOException {
        Path p = Files.createTempFile("bw-parse", ".rules");
        Files.writeString(p, Resources.text(resource));
        return p;
    }

    @Test
    @RequiresTool({"iptables-restore", "iptables-save"})
    void whatIptablesSaveReadsRendersBackToWhatTheKernelLoadsTheSame() throws IOException {
        Path file = write("iptables-save-c-kitchen-sink.txt");
        Path rendered = Files.createTempFile("bw-render", ".rules");
        try (NetworkNamespace ns = NetworkNamespace.create("parse")) {
            ns.execChecked("iptables-restore", "-c", file.toString());
            Ruleset first = IptablesSave.parse(ns.execChecked("iptables-save", "-c").output(), "live");
            Files.writeString(rendered, IptablesSave.render(first));
            ns.execChecked("iptables-restore", "-c", rendered.toString());
            Ruleset second = IptablesSave.parse(ns.execChecked("iptables-save", "-c").output(), "live");
            assertThat(semantics(second)).isEqualTo(semantics(first));
            assertThat(first.ruleCount()).isEqualTo(29);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(rendered);
        }
    }

    @Test
    @RequiresTool("nft")
    void nftJsonAndTextOfOneLiveKernelGiveTheSameRuleset() throws IOException {
        Path file = write("nft-f-input.nft");
        try (NetworkNamespace ns = NetworkNamespace.create("nft")) {
            ns.execChecked("nft", "-f", file.toString());
            Ruleset json = NftJson.parse(ns.execChecked("nft", "-j", "list", "ruleset").output(), "live.json");
            Ruleset text = NftText.parse(ns.execChecked("nft", "list", "ruleset").output(), "live.nft");
            assertThat(semantics(text)).isEqualTo(semantics(json));
            assertThat(json.rulesNotUnderstood()).isEmpty();
            assertThat(json.ruleCount()).isEqualTo(19);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
