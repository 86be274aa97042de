package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a relative {@code Include} points, proved against the real {@code sshd -T}: sshd's
 * configuration directory {@code /etc/ssh}, not the folder of the including file; and an image
 * read with {@link IncludeRoot#image(Path)} gives what sshd gives when that image's
 * {@code /etc/ssh} is its own.
 */
@RequiresRoot
@RequiresTool({"sshd", "ssh-keygen"})
class IncludeRootInteropTest {

    private static final ConnectionSpec ALICE = ConnectionSpec.of("alice", "h.example", "10.0.0.5")
            .withGroups("alice").withLocal("10.0.0.1", 22);

    @TempDir
    Path dir;

    @Test
    void tildeIncludeIsReadFromSshdsWorkingDirectorySoItIsReportedUnreadNotGuessed() throws Exception {
        Path key = RealSshd.hostKey(dir);
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.createDirectories(cwd.resolve("~"));
        Files.writeString(cwd.resolve("~").resolve("x.conf"), "PermitRootLogin yes\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "HostKey " + key + "\nInclude ~/x.conf\nPermitRootLogin no\n");
        List<String> dump = List.of(Tools.path("sshd"), "-T", "-f", main.toString());

        // sshd neither expands '~' nor prefixes /etc/ssh: what it reads depends on its working directory
        RealSshd.Result there = RealSshd.run(dump, cwd);
        assertThat(there.exitCode()).as(there.stderr()).isZero();
        assertThat(RealSshd.parseDump(there.stdout()).get("permitrootlogin")).containsExactly("yes");
        RealSshd.Result elsewhere = RealSshd.run(dump, dir);
        assertThat(elsewhere.exitCode()).as(elsewhere.stderr()).isZero();
        assertThat(RealSshd.parseDump(elsewhere.stdout()).get("permitrootlogin")).containsExactly("no");

        SshdConfig config = SshdConfig.read(main);
        assertThat(config.files()).extracting(SshdConfigFile::name).containsExactly(main.toString());
        assertThat(config.audit()).filteredOn(f -> f.id().equals("ssh.include-unresolved"))
                .extracting(f -> f.subject() + " " + f.severity() + " " + f.message())
                .containsExactly(main + ":2 HIGH Include ~/x.conf could not be read: sshd does not expand '~' in "
                        + "sshd_config and reads the path relative to its working directory (/ under systemd), which "
                        + "this audit cannot know; assumed it may set anything, PermitRootLogin yes included");
    }

    @Test
    void relativeIncludeIsReadFromEtcSshAsSshdDoesNotFromTheMainFilesFolder() throws Exception {
        Path key = RealSshd.hostKey(dir);
        String name = "bulwark-test-" + UUID.randomUUID() + ".conf";
        Path live = IncludeRoot.SSHD_DIRECTORY.resolve(name);
        Files.writeString(dir.resolve(name), "MaxAuthTries 5\n"); // the trap: beside the main file
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "HostKey " + key + "\nInclude " + name + "\n");
        try {
            Files.writeString(live, "MaxAuthTries 3\n");
            RealSshd.Result sshd = RealSshd.dump(main, "");
            assertThat(sshd.exitCode()).as(sshd.stderr()).isZero();
            assertThat(RealSshd.parseDump(sshd.stdout()).get("maxauthtries")).containsExactly("3");

            SshdConfig config = SshdConfig.read(main);
            assertThat(config.includeRoot()).contains(IncludeRoot.sshd());
            assertThat(config.files()).extracting(SshdConfigFile::name).containsExactly(main.toString(), live.toString());
            assertThat(config.effective().value(SshdKeyword.MAX_AUTH_TRIES)).contains("3");
            assertThat(config.effective().source(SshdKeyword.MAX_AUTH_TRIES).orElseThrow().location())
                    .isEqualTo(live + ":1");
            assertThat(SshdConfig.readLenient(main).value().files()).isEqualTo(config.files());

            // audited as a copy with its own folder as the configuration directory, it reads the copy
            SshdConfig copy = SshdConfig.read(main, IncludeRoot.directory(dir));
            assertThat(copy.files()).extracting(SshdConfigFile::name)
                    .containsExactly(main.toString(), dir.resolve(name).toString());
            assertThat(copy.effective().value(SshdKeyword.MAX_AUTH_TRIES)).contains("5");
        } finally {
            Files.deleteIfExists(live);
        }
    }

    @Test
    @RequiresTool({"unshare", "mount"})
    void imageReadsLikeSshdWithTheImagesEtcSshAsItsOwn() throws Exception {
        Path img = dir.resolve("img");
        Path etc = Files.createDirectories(img.resolve("etc/ssh"));
        Path dropIns = Files.createDirectories(etc.resolve("sshd_config.d"));
        RealSshd.run(List.of(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f",
                etc.resolve("ssh_host_ed25519_key").toString()));
        Files.writeString(dropIns.resolve("50-cloud-init.conf"), "PasswordAuthentication yes\n");
        Files.writeString(dropIns.resolve("10-first.conf"), "MaxAuthTries 2\n");
        Files.writeString(etc.resolve("absolute.conf"), "LoginGraceTime 17\n");
        Files.writeString(etc.resolve("alice.conf"), "X11Forwarding yes\n");
        Path main = etc.resolve("sshd_config");
        Files.writeString(main, "HostKey /etc/ssh/ssh_host_ed25519_key\nInclude sshd_config.d/*.conf\n"
                + "Include /etc/ssh/absolute.conf\nPasswordAuthentication no\nMatch User alice\n  Include alice.conf\n");

        SshdConfig image = SshdConfig.read(main, IncludeRoot.image(img));
        assertThat(image.files()).extracting(SshdConfigFile::name).containsExactly(main.toString(),
                dropIns.resolve("10-first.conf").toString(), dropIns.resolve("50-cloud-init.conf").toString(),
                etc.resolve("absolute.conf").toString(), etc.resolve("alice.conf").toString());

        // sshd in a private mount namespace where the image's /etc/ssh is /etc/ssh
        Files.createDirectories(Path.of("/run/sshd"));
        for (ConnectionSpec spec : List.of(ALICE, ConnectionSpec.of("bob", "h.example", "10.0.0.6")
                .withGroups("bob").withLocal("10.0.0.1", 22))) {
            List<String> cmd = new ArrayList<>(List.of(Tools.path("unshare"), "--mount", "sh", "-c",
                    "mount --make-rprivate / && mount --bind \"$1\" /etc/ssh && exec \"$2\" -T -f /etc/ssh/sshd_config -C \"$3\"",
                    "sh", etc.toString(), Tools.path("sshd"), spec.toTestSpec()));
            RealSshd.Result sshd = RealSshd.run(cmd);
            assertThat(sshd.exitCode()).as(sshd.stderr()).isZero();
            Map<String, List<String>> theirs = RealSshd.parseDump(sshd.stdout());
            theirs.remove("listenaddress");
            assertThat(image.effective(spec).asMap()).as(spec.toTestSpec()).isEqualTo(theirs);
        }
        assertThat(image.effective(ALICE).value(SshdKeyword.X11_FORWARDING)).contains("yes");
        assertThat(image.effective().value(SshdKeyword.LOGIN_GRACE_TIME)).contains("17");

        // an edit of the image lands in the image's drop-in directory
        SshdChange change = image.set(Placement.dropIn("00-bulwark.conf"), SshdKeyword.PASSWORD_AUTHENTICATION, "no");
        assertThat(change.changedFiles()).extracting(SshdConfigFile::name)
                .containsExactly(dropIns.resolve("00-bulwark.conf").toString());
        assertThat(change.after().effective().value(SshdKeyword.PASSWORD_AUTHENTICATION)).contains("no");
    }
}
