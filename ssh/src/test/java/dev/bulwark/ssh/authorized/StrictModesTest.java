package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.testing.RequiresRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictModesTest {

    @TempDir
    Path tmp;
    Path home;
    Path file;
    int uid;

    @BeforeEach
    void writeAFile() throws IOException {
        home = Files.createDirectory(tmp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        file = home.resolve(".ssh/authorized_keys");
        AuthorizedKeys.empty().write(file);
        uid = (Integer) Files.getAttribute(file, "unix:uid");
    }

    @Test
    void acceptsWhatBulwarkWrites() throws IOException {
        assertThat(StrictModes.check(file, uid, home)).isEmpty();
    }

    @Test
    void reportsAGroupWritableHomeAndWorldWritableFile() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(StrictModes.check(file, uid, home)).extracting(f -> f.severity() + " " + f.message()).containsExactly(
                "HIGH sshd ignores the authorized_keys file: file " + file.toRealPath() + " has mode 0666, writable by others",
                "MEDIUM upstream sshd ignores the authorized_keys file: directory " + home.toRealPath()
                        + " has mode 0775, writable by its group (Debian and Ubuntu builds accept it only while the"
                        + " group has no member but the owner)");
    }

    @Test
    void followsTheCanonicalPathUpToTheRootWhenTheFileIsOutsideHome() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path keys = elsewhere.resolve("keys");
        Files.writeString(keys, "");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        assertThat(StrictModes.check(keys, uid, home)).extracting(Finding::subject).contains(elsewhere.toRealPath().toString());
    }

    @Test
    @RequiresRoot
    void reportsAFileOwnedBySomeoneElse() throws IOException {
        Files.setAttribute(file, "unix:uid", 4242);
        int user = 1000;
        assertThat(StrictModes.check(file, user, home)).extracting(Finding::message).containsExactly(
                "sshd ignores the authorized_keys file: file " + file.toRealPath() + " is owned by uid 4242,"
                        + " not by the user (uid 1000) or root");
    }

    @Test
    @RequiresRoot
    void rootWritesAUsersFileOwnedByTheUserAndSshdWouldAcceptIt() throws IOException {
        UserPrincipalLookupService lookup = home.getFileSystem().getUserPrincipalLookupService();
        Path userHome = Files.createDirectory(tmp.resolve("nobody-home"));
        Files.setPosixFilePermissions(userHome, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path keys = userHome.resolve(".ssh/authorized_keys");
        AuthorizedKeys.empty().write(keys, lookup.lookupPrincipalByName("nobody"), lookup.lookupPrincipalByGroupName("nogroup"));
        int nobody = (Integer) Files.getAttribute(keys, "unix:uid");
        assertThat(nobody).isNotZero();
        assertThat((Integer) Files.getAttribute(keys.getParent(), "unix:uid")).isEqualTo(nobody);
        assertThat(Files.getOwner(keys).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent()))).isEqualTo("rwx------");
        Files.setAttribute(userHome, "unix:uid", nobody);
        assertThat(StrictModes.check(keys, nobody, userHome)).isEmpty();
    }

    @Test
    void reportsAMissingFileAsInformation() throws IOException {
        assertThat(StrictModes.check(home.resolve(".ssh/none"), uid, home)).extracting(Finding::id)
                .containsExactly("ssh.authorized-keys.missing");
    }
}
