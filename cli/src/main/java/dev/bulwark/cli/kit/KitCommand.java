package dev.bulwark.cli.kit;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.cli.RemoteOptions;
import dev.bulwark.cli.UsageException;
import dev.bulwark.examples.BaselineSpec;
import dev.bulwark.examples.BaselineSpecParser;
import dev.bulwark.examples.Kit;
import dev.bulwark.examples.KitAudit;
import dev.bulwark.examples.KitResult;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark kit}: writes the secure-baseline kit for a new server into a directory ({@link Kit#generate}). */
@Command(name = "kit", mixinStandardHelpOptions = true,
        description = {"Write everything a new server needs into one directory and explain it in REPORT.md: SSH keys"
                + " and a hardened sshd_config, fail2ban, the firewall in four forms, WireGuard configs, an internal CA"
                + " and unattended upgrades; with --target or --from-files also an audit of that server. The admin's way"
                + " in is kept open in every file; a spec that would lock the admin out is refused. Applying is yours.",
            "",
            "Prints where the kit is, the generated passphrase of the admin's SSH key (shown only this once; also in"
                + " ssh/PASSPHRASE, 0600) and how many findings remain."},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark kit                                         # the sample spec into ./bulwark-baseline",
            "  bulwark kit --out /tmp/kit --spec my-server.spec --target root@203.0.113.10 --known-hosts kh",
            "  bulwark kit --out /tmp/kit --spec my-server.spec --from-files captured/",
            "The spec format: examples/README.md (host, admin, admin-from, public/private/internal, vpn-network, peer, ...)."})
public final class KitCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bulwark-baseline",
            description = "Where the kit goes (default ./${DEFAULT-VALUE}): new, empty, or an earlier kit (then replaced).")
    private Path out;

    @Option(names = "--spec", paramLabel = "FILE", description = "The server's description (default: the sample spec).")
    private Path specFile;

    @Option(names = "--from-files", paramLabel = "DIR",
            description = "Audit output captured on the server (ss.txt, sshd-T.txt or etc/ssh/, iptables-save.txt or"
                    + " nft-ruleset.json, apt-config-dump.txt, apt-cache-policy.txt, etc/os-release, ip-address.txt).")
    private Path fromFiles;

    @Option(names = {"--no-audit", "--no-local"},
            description = "No audit (the default without --target and --from-files; this machine is never audited"
                    + " under the target's name).")
    private boolean noAudit;

    @Mixin
    private RemoteOptions remote;

    @Override
    public Integer call() throws IOException {
        Optional<SshTarget> target = remote.target();
        if ((target.isPresent() ? 1 : 0) + (fromFiles != null ? 1 : 0) + (noAudit ? 1 : 0) > 1) {
            throw new UsageException("give one of --target, --from-files and --no-audit");
        }
        BaselineSpec baseline = specFile == null ? BaselineSpecParser.parse(sample(), "baseline.spec")
                : BaselineSpecParser.read(specFile);
        String source = specFile == null ? "the embedded sample spec (examples/README.md)" : specFile.toString();
        char[] passphrase = Kit.newPassphrase();
        try {
            if (target.isPresent()) {
                try (RemoteHost host = remote.connect(target.get(), spec.commandLine().getErr())) {
                    KitAudit audit = host.privileged() == host ? KitAudit.over(host)
                            : KitAudit.of(host.privileged(), "over SSH as " + host.target() + " with sudo -n");
                    return write(baseline, source, audit, passphrase);
                }
            }
            return write(baseline, source, fromFiles != null ? KitAudit.fromFiles(fromFiles) : KitAudit.none(), passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private int write(BaselineSpec baseline, String source, KitAudit audit, char[] passphrase) throws IOException {
        try (KitResult kit = Kit.generate(baseline, source, out, audit, passphrase)) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println("Secure baseline for " + baseline.hostname() + " written to " + kit.directory().toAbsolutePath()
                    + " (" + kit.fileCount() + " files; how to apply them: REPORT.md).");
            stdout.print("Passphrase of ssh/id_ed25519, shown only now (also in ssh/PASSPHRASE, 0600): ");
            stdout.println(passphrase);
            String notes = kit.notes().isEmpty() ? "" : "; notes: " + kit.notes().size();
            stdout.println("Findings that remain: " + kit.kitFindings().size() + " in the kit's files; " + (kit.audited()
                    ? kit.targetFindings().size() + " on " + baseline.hostname() + " (audited " + kit.audit().description() + ")"
                    : baseline.hostname() + " not audited (--target or --from-files)") + notes + " (see REPORT.md).");
            stdout.flush();
            return ExitCodes.OK;
        } catch (Kit.UnusableDirectoryException e) {
            throw new UsageException("--out " + e.getMessage());
        }
    }

    private static String sample() throws IOException {
        try (InputStream in = Kit.class.getResourceAsStream("baseline.spec")) {
            if (in == null) {
                throw new IllegalStateException("the sample spec is missing from the bulwark-examples jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
