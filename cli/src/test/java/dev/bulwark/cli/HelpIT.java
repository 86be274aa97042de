package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} on every command, {@code --version}, and bad arguments, through the built launcher. */
class HelpIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", "kit", "audit", "audit services", "audit sshd", "audit firewall", "audit updates",
        "ca", "ca init", "ca issue", "ca revoke", "ca crl", "keys", "keys generate", "keys fingerprint", "wg", "wg plan"})
    void everyCommandHasHelpWithExamples(String command) throws Exception {
        List<String> args = new java.util.ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Launcher.Run run = Launcher.run(dir, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).startsWith("Usage: bulwark" + (command.isEmpty() ? "" : " " + command) + " ")
                .contains("Examples:").contains("  bulwark ");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void versionNamesTheJarsVersion() throws Exception {
        Launcher.Run run = Launcher.run(dir, "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).matches("bulwark [0-9]+\\.[0-9]+\\.[0-9]+(-SNAPSHOT)?\n");
    }

    @Test
    void anUnknownOptionExitsTwoWithOneLineAndWhereTheHelpIs() throws Exception {
        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--frm", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("bulwark audit sshd: Unknown options: '--frm', 'x'\n"
                + "Try 'bulwark audit sshd --help'.\n");
    }

    @Test
    void aBadValueQuotesIt() throws Exception {
        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--from", "x", "--fail-on", "extreme");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("'--fail-on'").contains("'extreme'").doesNotContain("Exception");
    }

    @Test
    void aCommandWithoutItsSubcommandSaysWhichThereAre() throws Exception {
        Launcher.Run run = Launcher.run(dir, "ca");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("bulwark ca: say what to do: init, issue, revoke, crl\n");
    }

    @Test
    void aMissingFileIsAnInputErrorWithoutStackTrace() throws Exception {
        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--from", "no-such-file");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("bulwark: no such file: no-such-file\n");
    }

    @Test
    void debugAddsTheStackTrace() throws Exception {
        Launcher.Run run = Launcher.run(dir, "audit", "sshd", "--from", "no-such-file", "--debug");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("bulwark: no such file: no-such-file\n")
                .contains("java.nio.file.NoSuchFileException").contains("\tat ");
    }
}
