package dev.bulwark.cli.kit;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.examples.SecureBaseline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark kit}: writes the secure-baseline kit for a new server into a directory. */
@Command(name = "kit", mixinStandardHelpOptions = true,
        description = {"Write everything a new server needs into one directory and explain it in REPORT.md: SSH keys"
                + " and a hardened sshd_config, fail2ban, the firewall in four forms, WireGuard configs, an internal CA,"
                + " unattended upgrades and an audit of this machine. It only reads this machine; applying is yours.",
            "",
            "Prints where the kit is, the generated passphrase of the admin's SSH key (shown only this once; also in"
                + " ssh/PASSPHRASE, 0600) and how many findings remain."},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark kit                                         # the sample spec into ./bulwark-baseline",
            "  bulwark kit --out /tmp/kit --spec my-server.spec --no-local",
            "The spec format: examples/README.md (host, admin, public/private/internal, vpn-network, peer, ca, server, ...)."})
public final class KitCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the kit goes (default ./bulwark-baseline): new, empty, or an earlier kit (then replaced).")
    private Path out;

    @Option(names = "--spec", paramLabel = "FILE", description = "The server's description (default: the sample spec).")
    private Path specFile;

    @Option(names = "--no-local", description = "Do not read this machine (ss -plunt, /etc/ssh/sshd_config, apt-config).")
    private boolean noLocal;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (out != null) {
            args.add("--out");
            args.add(out.toString());
        }
        if (specFile != null) {
            args.add("--spec");
            args.add(specFile.toString());
        }
        if (noLocal) {
            args.add("--no-local");
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            status = SecureBaseline.run(args, o, e);
        }
        spec.commandLine().getOut().print(stdout.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        // the kit names itself; bulwark's errors start with the place (FILE:LINE:COLUMN) or "bulwark:"
        stderr.toString(StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("^SecureBaseline: ", ""))
                .map(l -> l.matches("[^ ]+:[0-9]+:[0-9]+: .*") ? l : "bulwark: " + l)
                .forEach(spec.commandLine().getErr()::println);
        spec.commandLine().getErr().flush();
        return status == 0 ? ExitCodes.OK : status == 2 ? ExitCodes.USAGE : ExitCodes.IO;
    }
}
