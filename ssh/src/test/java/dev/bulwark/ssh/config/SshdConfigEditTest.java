package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshdConfigEditTest {

    private static final String WITH_MATCH = "# Global settings\n"
            + "PermitRootLogin yes\n"
            + "\n"
            + "# Admins may use passwords from the office\n"
            + "Match Address 10.0.0.0/8\n"
            + "    PasswordAuthentication yes\n"
            + "    # keep this comment\n"
            + "Match User backup\n"
            + "    ForceCommand /usr/bin/rsync --server\n";

    @TempDir
    Path dir;

    @Test
    void globalSetGoesBeforeTheFirstMatchBlockAndKeepsEverythingElse() {
        SshdChange change = SshdConfig.parse(WITH_MATCH).set(Placement.global(), SshdKeyword.X11_FORWARDING, "no");
        assertThat(change.after().render()).isEqualTo(WITH_MATCH.replace("# Admins may", "X11Forwarding no\n# Admins may"));
        assertThat(change.after().render().split("\n")[3]).isEqualTo("X11Forwarding no");
        assertThat(change.after().directives(SshdKeyword.X11_FORWARDING).get(0).isGlobal()).isTrue();
        assertThat(change.diff()).isEqualTo("--- sshd_config\n+++ sshd_config\n"
                + "@@ -1,6 +1,7 @@\n"
                + " # Global settings\n"
                + " PermitRootLogin yes\n"
                + " \n"
                + "+X11Forwarding no\n"
                + " # Admins may use passwords from the office\n"
                + " Match Address 10.0.0.0/8\n"
                + "     PasswordAuthentication yes\n");
    }

    @Test
    void globalSetReplacesTheWinningLineInPlace() {
        SshdChange change = SshdConfig.parse(WITH_MATCH).set(Placement.global(), SshdKeyword.PERMIT_ROOT_LOGIN, "no");
        assertThat(change.after().render()).isEqualTo(WITH_MATCH.replace("PermitRootLogin yes", "PermitRootLogin no"));
        assertThat(change.diff()).contains("-PermitRootLogin yes\n+PermitRootLogin no\n");
    }

    @Test
    void setInsideAMatchBlockKeepsItsIndentation() {
        SshdConfig c = SshdConfig.parse(WITH_MATCH);
        SshdConfig after = c.set(Placement.inMatch("address 10.0.0.0/8"), SshdKeyword.MAX_AUTH_TRIES, "2").after();
        assertThat(after.render()).isEqualTo(WITH_MATCH.replace("    PasswordAuthentication yes\n",
                "    PasswordAuthentication yes\n    MaxAuthTries 2\n"));
        ConnectionSpec office = ConnectionSpec.of("bob", "h", "10.1.1.1");
        assertThat(after.effective(office).value(SshdKeyword.MAX_AUTH_TRIES)).contains("2");
        assertThat(after.effective().value(SshdKeyword.MAX_AUTH_TRIES)).contains("6");
    }

    @Test
    void setInAMissingMatchBlockAppendsANewBlock() {
        SshdConfig after = SshdConfig.parse(WITH_MATCH)
                .set(Placement.inMatch("Group sftponly"), SshdKeyword.CHROOT_DIRECTORY, "/srv/%u").after();
        assertThat(after.render()).isEqualTo(WITH_MATCH + "\nMatch Group sftponly\n    ChrootDirectory /srv/%u\n");
    }

    @Test
    void removeDeletesOnlyThatScope() {
        SshdConfig after = SshdConfig.parse(WITH_MATCH)
                .remove(Placement.inMatch("Address 10.0.0.0/8"), SshdKeyword.PASSWORD_AUTHENTICATION).after();
        assertThat(after.render()).isEqualTo(WITH_MATCH.replace("    PasswordAuthentication yes\n", ""));
        assertThat(SshdConfig.parse(WITH_MATCH).remove(Placement.global(), SshdKeyword.PASSWORD_AUTHENTICATION).isEmpty())
                .isTrue();
    }

    @Test
    void accumulatingKeywordIsReplacedAsAWhole() {
        SshdConfig c = SshdConfig.parse("AllowUsers alice\n# note\nAllowUsers bob\n");
        SshdConfig after = c.set(Placement.global(), SshdKeyword.ALLOW_USERS, "carol", "dave").after();
        assertThat(after.render()).isEqualTo("AllowUsers carol dave\n# note\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no\nPermitRootLogin yes", "no # yes", "\"no\"", "no\u0000", "'no'", "no\rx", "a\\b", "=no"})
    void hostileValuesNeverReachTheFile(String value) {
        SshdConfig c = SshdConfig.parse(WITH_MATCH);
        assertThatThrownBy(() -> c.set(Placement.global(), SshdKeyword.BANNER, value))
                .isInstanceOf(ValidationException.class)
                .hasMessage("value for Banner must be non-empty text without line breaks, control characters, "
                        + "'#', quotes, backslashes or a leading '='");
    }

    @Test
    void aMatchConditionSshdWouldRejectIsRefused() {
        assertThatThrownBy(() -> SshdConfig.parse(WITH_MATCH).set(Placement.inMatch("User bob Port 22"),
                SshdKeyword.X11_FORWARDING, "no"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the edit would make the configuration invalid: sshd_config:11:1: "
                        + "Unsupported Match attribute 'Port'");
    }

    @Test
    void aConfigParsedFromAStringCannotBeWritten() {
        SshdChange change = SshdConfig.parse("Port 22\n").set(Placement.global(), SshdKeyword.PORT, "2222");
        assertThatThrownBy(change::write).isInstanceOf(ValidationException.class)
                .hasMessage("cannot write sshd_config: it was parsed from a string, not read from a file");
    }

    @Test
    void invalidValuesAndPlacementsAreRefused() {
        SshdConfig c = SshdConfig.parse(WITH_MATCH);
        assertThatThrownBy(() -> c.set(Placement.global(), SshdKeyword.PASSWORD_AUTHENTICATION, "maybe"))
                .hasMessage("PasswordAuthentication: unsupported option \"maybe\".");
        assertThatThrownBy(() -> c.set(Placement.inMatch("User bob"), SshdKeyword.PORT, "2222"))
                .hasMessage("Port is not allowed within a Match block");
        assertThatThrownBy(() -> c.set(Placement.global(), SshdKeyword.PROTOCOL, "2"))
                .hasMessage("Protocol cannot be set: sshd ignores it");
        assertThatThrownBy(() -> c.set(Placement.dropIn("10-bulwark.conf"), SshdKeyword.PORT, "2222"))
                .hasMessageStartingWith("drop-in 10-bulwark.conf needs a configuration read from a file");
        assertThatThrownBy(() -> Placement.dropIn("../../etc/passwd")).isInstanceOf(ValidationException.class)
                .hasMessage("drop-in file name must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        assertThatThrownBy(() -> Placement.inMatch("User bob\nPermitRootLogin yes")).isInstanceOf(ValidationException.class)
                .hasMessage("Match condition must be non-blank text without line breaks, control characters, '#' or quotes");
    }

    @Test
    @RequiresTool({"sshd", "ssh-keygen", "patch"})
    void dropInEditsAreAcceptedBySshdAndTheDiffApplies() throws Exception {
        Path key = RealSshd.hostKey(dir);
        Path dropins = Files.createDirectories(dir.resolve("sshd_config.d"));
        Files.writeString(dropins.resolve("50-cloud-init.conf"), "PasswordAuthentication yes\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "HostKey " + key + "\nInclude " + dropins + "/*.conf\n" + WITH_MATCH);
        SshdConfig config = SshdConfig.read(main);

        SshdChange change = config.set(Placement.dropIn("10-bulwark.conf"), SshdKeyword.PASSWORD_AUTHENTICATION, "no");
        assertThat(change.changedFiles()).extracting(SshdConfigFile::name)
                .containsExactly(dropins.resolve("10-bulwark.conf").toString());
        assertThat(change.after().effective().source(SshdKeyword.PASSWORD_AUTHENTICATION).orElseThrow().location())
                .isEqualTo(dropins.resolve("10-bulwark.conf") + ":2");
        assertThat(change.diff()).startsWith("--- /dev/null\n+++ " + dropins.resolve("10-bulwark.conf") + "\n@@ -0,0 +1,2 @@\n");

        Path copy = Files.createDirectories(dir.resolve("copy"));
        Files.writeString(copy.resolve("10-bulwark.conf"), "");
        Path patch = dir.resolve("change.diff");
        Files.writeString(patch, change.diff());
        RealSshd.Result applied = RealSshd.run(List.of(Tools.path("patch"), "-s", "-d", copy.toString(),
                copy.resolve("10-bulwark.conf").toString(), patch.toString()));
        assertThat(applied.exitCode()).as(applied.stderr() + applied.stdout()).isZero();
        assertThat(Files.readString(copy.resolve("10-bulwark.conf"))).isEqualTo(change.changedFiles().get(0).text());

        change.write();
        assertThat(Files.readString(dropins.resolve("10-bulwark.conf"))).isEqualTo(change.changedFiles().get(0).text());
        assertThat(java.nio.file.Files.getPosixFilePermissions(dropins.resolve("10-bulwark.conf")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        RealSshd.Result check = RealSshd.check(main);
        assertThat(check.exitCode()).as(check.stderr()).isZero();
        RealSshd.Result dump = RealSshd.dump(main, "user=bob,host=h,addr=192.0.2.1");
        assertThat(dump.stdout()).contains("passwordauthentication no\n");
    }

    @Test
    @RequiresTool({"sshd", "ssh-keygen", "patch"})
    void everyEditOfTheCorpusPassesSshdAndPatch() throws Exception {
        Path key = RealSshd.hostKey(dir);
        for (String name : Corpus.NAMES) {
            Path caseDir = Files.createDirectories(dir.resolve(name));
            Path main = Corpus.write(name, caseDir, key);
            SshdConfig config = SshdConfig.read(main);
            SshdChange change = config.set(Placement.global(), SshdKeyword.PASSWORD_AUTHENTICATION, "no");
            SshdConfig after = change.after().set(Placement.inMatch("User deploy"), SshdKeyword.X11_FORWARDING, "no")
                    .after();
            SshdChange both = new SshdChange(config, after);
            Path original = Files.createTempFile(dir, "orig", ".conf");
            Files.writeString(original, config.render());
            Path patch = dir.resolve(name + ".diff");
            String mainOnly = both.diff().substring(0, both.diff().indexOf("--- ", 1) > 0
                    ? both.diff().indexOf("--- ", 1) : both.diff().length());
            if (both.changedFiles().get(0).name().equals(config.mainFile().name())) {
                Files.writeString(patch, mainOnly);
                RealSshd.Result applied = RealSshd.run(List.of(Tools.path("patch"), "-s", original.toString(),
                        patch.toString()));
                assertThat(applied.exitCode()).as(name + ": " + applied.stdout()).isZero();
                assertThat(Files.readString(original)).as(name).isEqualTo(after.render());
            }
            write(after);
            RealSshd.Result check = RealSshd.check(main);
            assertThat(check.exitCode()).as(name + ": " + check.stderr()).isZero();
            RealSshd.Result dump = RealSshd.dump(main, "user=deploy,host=h,addr=192.0.2.1,laddr=192.0.2.2,lport=22");
            assertThat(dump.stdout()).as(name).contains("x11forwarding no\n");
        }
    }

    private static void write(SshdConfig config) throws Exception {
        for (SshdConfigFile f : config.files()) {
            Files.writeString(f.path().orElseThrow(), f.text());
        }
    }
}
