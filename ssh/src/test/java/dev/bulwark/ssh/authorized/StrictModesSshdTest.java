package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StrictModes.check agrees with a real sshd running with StrictModes yes (tests log in as root). */
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen"})
class StrictModesSshdTest {

    @TempDir
    Path tmp;
    Path outsideTmp;

    @AfterEach
    void removeOutsideTmp() throws IOException {
        if (outsideTmp != null) {
            try (Stream<Path> paths = Files.walk(outsideTmp)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Logs in with a Bulwark key written to sshd's authorized_keys; returns whether sshd let us in. */
    private boolean sshdAccepts(TestSshd sshd, Path dir) throws IOException {
        SshKeyPair pair = SshKeyPair.generate();
        Path key = dir.resolve("id_ed25519");
        pair.write(key, null);
        Path file = sshd.authorizedKeysFile();
        Files.writeString(file, AuthorizedKeys.empty().withKey(pair.publicKey()).render());
        ToolRun login = sshd.login(key, null);
        return login.exitCode() == 0;
    }

    @Test
    void aWorldWritableTmpAboveTheFileMakesBothRefuse() throws IOException {
        try (TestSshd sshd = TestSshd.start(tmp, true)) {
            Files.setPosixFilePermissions(sshd.authorizedKeysFile(), PosixFilePermissions.fromString("rw-------"));
            List<Finding> findings = StrictModes.check(sshd.authorizedKeysFile(), 0, Path.of("/root"));
            assertThat(findings).extracting(Finding::subject).contains("/tmp");
            assertThat(sshdAccepts(sshd, tmp)).isFalse();
            String refusal = "Authentication refused: bad ownership or modes for directory /tmp";
            assertThat(sshd.awaitLog(refusal)).contains(refusal);
        }
    }

    @Test
    void aSafeFileIsAcceptedByBothAndAWorldWritableOneRefusedByBoth() throws IOException {
        Path base = Path.of("target").toAbsolutePath();
        outsideTmp = Files.createDirectory(base.resolve("strictmodes-" + UUID.randomUUID()));
        Files.setPosixFilePermissions(outsideTmp, PosixFilePermissions.fromString("rwx------"));
        try (TestSshd sshd = TestSshd.start(outsideTmp, true)) {
            Path file = sshd.authorizedKeysFile();
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            boolean bulwarkSaysSafe = StrictModes.check(file, 0, Path.of("/root")).isEmpty();
            assertThat(sshdAccepts(sshd, outsideTmp)).as(sshd.log()).isEqualTo(bulwarkSaysSafe);

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--rw-"));
            assertThat(StrictModes.check(file, 0, Path.of("/root"))).extracting(Finding::message)
                    .contains("sshd ignores the authorized_keys file: file " + file.toRealPath()
                            + " has mode 0646, writable by others");
            assertThat(sshdAccepts(sshd, outsideTmp)).as(sshd.log()).isFalse();
            String refusal = "Authentication refused: bad ownership or modes for file " + file.toRealPath();
            assertThat(sshd.awaitLog(refusal)).contains(refusal);

            // group-writable: upstream sshd refuses; Debian's accepts it when the group holds only the owner
            // (here: group root, whose only member is root), which is why Bulwark reports it as MEDIUM
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
            String realFile = file.toRealPath().toString();
            assertThat(StrictModes.check(file, 0, Path.of("/root")))
                    .filteredOn(f -> f.subject().equals(realFile))
                    .extracting(Finding::severity).containsExactly(Severity.MEDIUM);
            boolean debian = ToolRun.run(Tools.path("ssh"), "-V").stderr().contains("Debian");
            assertThat(sshdAccepts(sshd, outsideTmp)).as(sshd.log()).isEqualTo(debian && bulwarkSaysSafe);
        }
    }
}
