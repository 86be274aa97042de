package dev.bulwark.cli.audit;

import dev.bulwark.cli.RemoteOptions;
import dev.bulwark.cli.UsageException;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every audit shares: it reads a captured file ({@code --from}, declared by each audit with
 * what it takes), a server over SSH ({@code --target}; as root through {@code sudo -n} with
 * {@code --sudo}) or this machine, one of them; then prints with {@code --format} and exits by
 * {@code --fail-on}.
 */
abstract class HostAudit implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private RemoteOptions remote;

    @Mixin
    private ReportOptions report;

    /** The {@code --from} file, or null. */
    abstract Path from();

    /** Audits a captured file. */
    abstract Report fromFile(Path file, PrintWriter err) throws IOException;

    /** Audits a machine: this one, or a server over SSH (its privileged view). */
    abstract Report onHost(Host host, PrintWriter err) throws IOException;

    /** Checks the options that only go together; nothing by default. */
    void checkOptions() {
    }

    @Override
    public final Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<SshTarget> target = remote.target();
        if (from() != null && target.isPresent()) {
            throw new UsageException("give either --from FILE or --target USER@HOST, not both");
        }
        checkOptions();
        Report result;
        if (from() != null) {
            result = fromFile(from(), err);
        } else if (target.isPresent()) {
            try (RemoteHost host = remote.connect(target.get(), err)) {
                result = onHost(host.privileged(), err);
            }
        } else {
            result = onHost(LocalHost.create(), err);
        }
        return report.print(spec.commandLine().getOut(), result);
    }
}
