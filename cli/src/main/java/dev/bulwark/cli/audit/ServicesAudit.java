package dev.bulwark.cli.audit;

import dev.bulwark.cli.Inputs;
import dev.bulwark.cli.Progress;
import dev.bulwark.cli.RemoteOptions;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.ssh.remote.RemoteAudits;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
final class ServicesAudit implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE",
            description = "An ss listing to audit (ss -plunt, ss -tunap, ss -lntu, ...) instead of a machine.")
    private Path from;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private PolicyOptions policy;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Sources.requireOne(from, remote);
        ServicePolicy expected = policy.policy(err);
        ServiceReport result;
        Optional<SshTarget> target = remote.target();
        if (from != null) {
            String text = Inputs.read(from, err);
            try (Progress p = Progress.start(err, "auditing " + from + " (" + Inputs.lines(text) + ")")) {
                result = ServiceAudit.report(SocketTable.parse(text, from.toString()), expected, from.toString());
            }
        } else if (target.isPresent()) {
            try (RemoteHost host = remote.connect(target.get(), err);
                 Progress p = Progress.start(err, "running ss -plunt on " + target.get())) {
                result = RemoteAudits.services(host.privileged(), expected);
            }
        } else {
            try (Progress p = Progress.start(err, "running ss -plunt")) {
                result = ServiceAudit.run(LocalHost.create(), expected);
            }
        }
        return report.print(spec.commandLine().getOut(), result.findings(), result.toText(), result.toMarkdown(),
                result.toJson());
    }
}
