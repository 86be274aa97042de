package dev.bulwark.cli;

import dev.bulwark.cli.audit.AuditCommand;
import dev.bulwark.cli.ca.CaCommand;
import dev.bulwark.cli.keys.KeysCommand;
import dev.bulwark.cli.kit.KitCommand;
import dev.bulwark.cli.wg.WgCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bulwark} command: the secure-baseline kit, audits, the CA, SSH keys and WireGuard
 * plans. Exit statuses are {@link ExitCodes}; every subcommand has {@code --help}.
 */
@Command(name = "bulwark", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The secure-server baseline from a shell: a kit for a new server, audits of a running one,"
                + " an internal CA, SSH keys and WireGuard plans.",
        subcommands = {KitCommand.class, AuditCommand.class, CaCommand.class, KeysCommand.class, WgCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done; for audits: no finding at or above --fail-on",
            "1:an audit found something at or above --fail-on (default: high)",
            "2:bad arguments or bad input (the message names the file, line and column)",
            "3:the SSH connection failed (refused, host key rejected, login failed)",
            "4:a file or command failed (I/O)",
            "70:a bug in bulwark (details with --debug)"},
        footerHeading = "%nExamples:%n",
        footer = {"  bulwark kit --out /tmp/kit --spec my-server.spec",
            "  bulwark audit sshd --from /etc/ssh/sshd_config --fail-on medium",
            "  bulwark audit services --target root@web1.example.org --spec my-server.spec",
            "  bulwark <command> --help"})
public final class Bulwark extends GroupCommand {

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On a failure, print the stack trace too.")
    private boolean debug;

    private Bulwark() {
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /**
     * Runs the command line with the given streams.
     *
     * @return the exit status ({@link ExitCodes})
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Bulwark());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler(Errors::parameterError);
        cmd.setExecutionExceptionHandler(Errors::executionError);
        int status = cmd.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}
