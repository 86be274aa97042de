package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark kit} through the built launcher. */
class KitIT {

    @TempDir
    Path dir;

    @Test
    void writesTheKitAndShowsThePassphraseOnlyOnStdout() throws Exception {
        Launcher.Run run = Launcher.run(dir, "kit", "--out", "kit", "--no-local");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.exists(dir.resolve("kit/REPORT.md"))).isTrue();
        String passphrase = Files.readString(dir.resolve("kit/ssh/PASSPHRASE")).strip();
        assertThat(run.stdout()).contains(passphrase).hasLineCount(3);
        assertThat(run.stderr()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kit/ssh/id_ed25519"))))
                .isEqualTo("rw-------");
    }

    @Test
    void auditsTheTargetFromCapturedFiles() throws Exception {
        Path captured = Path.of(KitIT.class.getResource("captured-debian12").toURI());

        Launcher.Run run = Launcher.run(dir, "kit", "--out", "kit", "--from-files", captured.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("Findings that remain: [0-9]+ in the kit's files; [1-9][0-9]* on"
                + " web1.example.com \\(audited from the files captured in ");
        assertThat(Files.readString(dir.resolve("kit/REPORT.md"))).contains("ssh.");
    }

    @Test
    void theAuditSourcesExcludeEachOther() throws Exception {
        Launcher.Run run = Launcher.run(dir, "kit", "--out", "kit", "--from-files", "x", "--no-audit");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("bulwark: give one of --target, --from-files and --no-audit\n");
    }

    @Test
    void aBadSpecNamesItsLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("my.spec"), "host web1\nadmin alice\npublic https 443\n");

        Launcher.Run run = Launcher.run(dir, "kit", "--out", "kit", "--spec", "my.spec", "--no-local");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("my.spec:3:14: ").contains("'443'").hasLineCount(1);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aForeignNonEmptyDirectoryIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/notes.txt"), "mine\n");

        Launcher.Run run = Launcher.run(dir, "kit", "--out", "home", "--no-local");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("bulwark: --out home is not empty and not an earlier kit");
        assertThat(Files.readString(dir.resolve("home/notes.txt"))).isEqualTo("mine\n");
    }
}
