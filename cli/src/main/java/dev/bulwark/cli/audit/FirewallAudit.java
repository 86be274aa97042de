package dev.bulwark.cli.audit;

import dev.bulwark.cli.Errors;
import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.Progress;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.FindingsJson;
import dev.bulwark.core.audit.FindingsRenderer;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureAnalysis;
import dev.bulwark.firewall.analysis.ExposureReport;
import dev.bulwark.firewall.analysis.SocketExposure;
import dev.bulwark.firewall.parse.Ruleset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark audit firewall}: what the deployed rules expose, and to whom. */
@Command(name = "firewall", mixinStandardHelpOptions = true,
        description = "What the deployed firewall rules expose: each listening socket walked along the kernel's packet"
                + " path (public, private from which networks, or internal), DNAT forwards, and findings about the"
                + " ruleset; with expected services (--spec, --public, --private, --internal), every socket more exposed"
                + " than intended is a finding. Interfaces are classed by name (eth*/en* public, wg*/tun* private, ...).",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark audit firewall                                   # this machine: nft -j list ruleset, ss -plunt",
            "  bulwark audit firewall --from iptables-save.txt --sockets ss.txt --spec my-server.spec",
            "  bulwark audit firewall --from ruleset.nft --sockets ss.txt --private tcp/22@10.8.0.0/24 --fail-on medium",
            "  bulwark audit firewall --target root@gw.example.org --public udp/51820"})
final class FirewallAudit extends HostAudit {

    @Option(names = "--from", paramLabel = "FILE",
            description = "A captured ruleset: iptables-save / ip6tables-save, nft list ruleset or nft -j list ruleset.")
    private Path from;

    @Option(names = "--sockets", paramLabel = "FILE",
            description = "With --from: the host's ss listing (ss -plunt or ss -lntu), to tell which listeners are exposed.")
    private Path sockets;

    @Mixin
    private PolicyOptions policy;

    @Override
    Path from() {
        return from;
    }

    @Override
    void checkOptions() {
        if (sockets != null && from == null) {
            throw new UsageException("--sockets goes with --from (a machine's own sockets are read from it)");
        }
    }

    @Override
    Report fromFile(Path file, PrintWriter err) throws IOException {
        String text = Inputs.read(file, err);
        Ruleset rules;
        try (Progress p = Progress.start(err, "parsing " + file + " (" + Inputs.lines(text) + ")")) {
            rules = DeployedRules.parse(text, file.toString());
        }
        Optional<SocketTable> table = Optional.empty();
        if (sockets != null) {
            table = Optional.of(SocketTable.parse(Inputs.read(sockets, err), sockets.toString()));
        }
        return audit(rules, table, err);
    }

    @Override
    Report onHost(Host host, PrintWriter err) throws IOException {
        Ruleset rules;
        String ss;
        try (Progress p = Progress.start(err, "reading the ruleset and sockets of " + host.name())) {
            rules = DeployedRules.read(host);
            ss = host.run(ServiceAudit.SS_COMMAND, Duration.ofSeconds(30)).requireSuccess().stdout();
        }
        return audit(rules, Optional.of(SocketTable.parse(ss, "ss -plunt on " + host.name())), err);
    }

    private Report audit(Ruleset rules, Optional<SocketTable> sockets, PrintWriter err) throws IOException {
        Map<Integer, Exposure> intent = policy.intent(err);
        List<Finding> findings;
        String json;
        StringBuilder exposures = new StringBuilder();
        try (Progress p = Progress.start(err, "analysing " + rules.ruleCount() + " rules")) {
            if (sockets.isPresent()) {
                ExposureReport r = ExposureAnalysis.audit(rules, sockets.get(), intent);
                findings = r.findings();
                json = r.toJson();
                for (SocketExposure e : r.exposures()) {
                    exposures.append("  ").append(Errors.oneLine(e.toString())).append('\n');
                }
            } else {
                findings = ExposureAnalysis.audit(rules);
                json = FindingsJson.toJson(findings);
            }
        }
        String text = FindingsRenderer.text(findings);
        String markdown = FindingsRenderer.markdown(findings);
        if (sockets.isPresent()) {
            String table = "\nListening sockets and who reaches them:\n" + (exposures.length() == 0 ? "  (none)\n" : exposures);
            text += table;
            markdown += "\n```" + table + "```\n";
        } else {
            text += "\n(No socket listing: --sockets FILE adds which listeners the rules expose.)\n";
        }
        return new Report(findings, text, markdown, json);
    }
}
