package dev.bulwark.cli.audit;

import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.Progress;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.sockets.SocketTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark audit services}: which services listen where, against what should. */
@Command(name = "services", mixinStandardHelpOptions = true,
        description = "Which services listen where (ss -plunt), against the expected services: public, private"
                + " (named networks only) or internal (this machine only).",
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark audit services                                   # this machine (root shows every process)",
            "  bulwark audit services --from ss.txt --public tcp/443 --private tcp/22@10.8.0.0/24 --internal tcp/5432",
            "  bulwark audit services --target root@web1.example.org --spec my-server.spec --format markdown"})
final class ServicesAudit extends HostAudit {

    @Option(names = "--from", paramLabel = "FILE",
            description = "An ss listing to audit (ss -plunt, ss -tunap, ss -lntu, ...) instead of a machine.")
    private Path from;

    @Mixin
    private PolicyOptions policy;

    @Override
    Path from() {
        return from;
    }

    @Override
    Report fromFile(Path file, PrintWriter err) throws IOException {
        String text = Inputs.read(file, err);
        try (Progress p = Progress.start(err, "auditing " + file + " (" + Inputs.lines(text) + ")")) {
            return report(ServiceAudit.report(SocketTable.parse(text, file.toString()), policy.policy(err), file.toString()));
        }
    }

    @Override
    Report onHost(Host host, PrintWriter err) throws IOException {
        try (Progress p = Progress.start(err, "running ss -plunt on " + host.name())) {
            return report(ServiceAudit.run(host, policy.policy(err)));
        }
    }

    private static Report report(ServiceReport r) {
        return new Report(r.findings(), r.toText(), r.toMarkdown(), r.toJson());
    }
}
