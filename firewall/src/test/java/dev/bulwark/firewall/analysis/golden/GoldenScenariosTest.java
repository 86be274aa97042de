package dev.bulwark.firewall.analysis.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureAnalysis;
import dev.bulwark.firewall.analysis.ExposureResult;
import dev.bulwark.firewall.analysis.HostInterfaces;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.NftJson;
import dev.bulwark.firewall.parse.NftText;
import dev.bulwark.firewall.parse.Ruleset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden scenarios: rulesets written by real producers (iptables-legacy, iptables-nft, nft,
 * ufw, firewalld, dockerd; see each scenario's README.md) in a lab of network namespaces, with
 * the reachability observed by real connection attempts beside them ({@code observed.tsv}). Every
 * reader's view of each ruleset is analysed with the captured {@code ss -lntu} and {@code ip -j}
 * output, and every observed open connection must be predicted reachable (no under-report).
 * Predicted-but-closed probes (over-reports) are printed; in the views listed in {@link #EXACT}
 * they must be zero except where the analysis itself says the port was assumed reachable (a rate
 * limit, which earlier probes may have spent).
 * Reads captures only: no root, no tool.
 */
class GoldenScenariosTest {

    /** Views (scenario / reader) whose only undecidable conditions are rate limits the analysis names. */
    static final Set<String> EXACT = Set.of("iptables-legacy / iptables-save", "iptables-nft / iptables-save",
            "nft-native / nft -j", "nft-native / nft text", "docker28-iptables / iptables-save",
            "docker29-iptables / iptables-save", "docker29-nftables / nft -j", "docker29-nftables / nft text");

    static Path root() throws URISyntaxException {
        return Path.of(GoldenScenariosTest.class.getResource("capture").toURI()).getParent();
    }

    static List<Path> scenarios() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("observed.tsv"))).sorted().collect(Collectors.toList());
        }
    }

    static Stream<Arguments> views() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        for (Path d : scenarios()) {
            for (String view : List.of("iptables-save", "nft -j", "nft text")) {
                if (Files.exists(d.resolve(file(view)))) {
                    out.add(Arguments.of(d.getFileName().toString(), view));
                }
            }
        }
        return out.stream();
    }

    private static String file(String view) {
        switch (view) {
            case "iptables-save": return "iptables-save.txt";
            case "nft -j": return "nft-j-list-ruleset.json";
            default: return "nft-list-ruleset.txt";
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static Ruleset ruleset(Path dir, String view) throws IOException {
        switch (view) {
            case "iptables-save":
                Ruleset v4 = IptablesSave.parse(read(dir.resolve("iptables-save.txt")), "iptables-save.txt");
                Path v6 = dir.resolve("ip6tables-save.txt");
                return Files.exists(v6) ? v4.merge(IptablesSave.parse(read(v6), "ip6tables-save.txt")) : v4;
            case "nft -j":
                return NftJson.parse(read(dir.resolve("nft-j-list-ruleset.json")), "nft-j-list-ruleset.json");
            default:
                return NftText.parse(read(dir.resolve("nft-list-ruleset.txt")), "nft-list-ruleset.txt");
        }
    }

    /** The captured interfaces with the IPv4 and IPv6 routes in one array, as {@code HostInterfaces.read} takes them. */
    static HostInterfaces interfaces(Path dir) throws IOException {
        String r4 = read(dir.resolve("ip-j-route.json")).trim();
        String r6 = read(dir.resolve("ip-6-j-route.json")).trim();
        String body4 = r4.substring(1, r4.length() - 1).trim();
        String body6 = r6.substring(1, r6.length() - 1).trim();
        String routes = "[" + body4 + (body4.isEmpty() || body6.isEmpty() ? "" : ",") + body6 + "]";
        return HostInterfaces.parse(read(dir.resolve("ip-j-addr.json")), routes);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("views")
    void everyObservedOpenConnectionIsPredictedReachable(String scenario, String view) throws Exception {
        Path dir = root().resolve(scenario);
        ExposureResult result = ExposureAnalysis.analyze(ruleset(dir, view),
                SocketTable.parse(read(dir.resolve("ss-lntu.txt")), "ss-lntu.txt"), interfaces(dir));
        ProbePrediction prediction = new ProbePrediction(result);
        List<Probe> probes = Probe.parseAll(read(dir.resolve("observed.tsv")), scenario + "/observed.tsv");
        List<Probe> under = new ArrayList<>();
        List<Probe> over = new ArrayList<>();
        for (Probe p : probes) {
            boolean predicted = prediction.reachable(p);
            if (p.open() && !predicted) {
                under.add(p);
            } else if (!p.open() && predicted) {
                over.add(p);
            }
        }
        String name = scenario + " / " + view;
        System.out.println(name + ": " + probes.size() + " probes, " + under.size() + " under-reported, "
                + over.size() + " over-reported");
        over.forEach(p -> System.out.println("  over-report: " + p));
        Path routed = dir.resolve("routed.tsv");
        if (Files.exists(routed)) {
            for (Probe p : Probe.parseAll(read(routed), scenario + "/routed.tsv")) {
                System.out.println("  routed straight to a container, not judged: " + p);
            }
        }
        assertThat(under).as("%s: observed open but predicted unreachable; the analysis said:%n%s", name,
                describe(result)).isEmpty();
        if (EXACT.contains(name)) {
            assertThat(over).filteredOn(p -> !prediction.assumed(p))
                    .as("%s: predicted reachable but observed closed, with nothing assumed", name).isEmpty();
        }
    }

    private static String describe(ExposureResult r) {
        StringBuilder b = new StringBuilder();
        r.sockets().forEach(e -> b.append("  ").append(e).append(" via ").append(e.via()).append('\n'));
        r.forwarded().forEach(f -> b.append("  ").append(f).append(" via ").append(f.via()).append('\n'));
        return b.toString();
    }

    @Test
    void everyScenarioHasItsCapturesAndReadme() throws Exception {
        assertThat(scenarios()).extracting(d -> d.getFileName().toString()).contains("iptables-legacy",
                "iptables-nft", "nft-native", "ufw", "firewalld", "docker-iptables", "docker-ufw", "docker28-iptables",
                "docker29-iptables", "docker29-nftables");
        for (Path d : scenarios()) {
            for (String f : List.of("README.md", "ss-lntu.txt", "ip-j-addr.json", "ip-j-route.json", "ip-6-j-route.json")) {
                assertThat(d.resolve(f)).as(d.getFileName() + "/" + f).isRegularFile();
            }
            List<Probe> probes = Probe.parseAll(read(d.resolve("observed.tsv")), d.getFileName() + "/observed.tsv");
            assertThat(probes).as(d.getFileName() + " probes").hasSizeGreaterThan(100);
            assertThat(probes).as(d.getFileName() + " has open and closed probes")
                    .anyMatch(Probe::open).anyMatch(p -> !p.open());
            assertThat(interfaces(d).interfaces()).as(d.getFileName() + " interfaces").isNotEmpty();
        }
    }
}
