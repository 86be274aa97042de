package dev.bulwark.ssh.knownhosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hashed known_hosts interop with ssh-keygen -F, -H and -R. */
@RequiresTool("ssh-keygen")
class KnownHostsInteropTest {

    @TempDir
    static Path dir;
    static SshPublicKey ed25519;
    static SshPublicKey rsa;

    @BeforeAll
    static void generateHostKeys() throws IOException {
        ToolRun.run(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("ed").toString()).ok();
        ToolRun.run(Tools.path("ssh-keygen"), "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", dir.resolve("rsa").toString()).ok();
        ed25519 = SshPublicKey.parse(Files.readString(dir.resolve("ed.pub")));
        rsa = SshPublicKey.parse(Files.readString(dir.resolve("rsa.pub")));
    }

    static ToolRun find(Path file, String host) {
        return ToolRun.run(Tools.path("ssh-keygen"), "-F", host, "-f", file.toString());
    }

    @Test
    void sshKeygenFindsHashedEntriesWrittenByBulwark() throws IOException {
        Path file = dir.resolve("bulwark_known_hosts");
        KnownHosts.empty()
                .withHashedHost("server.example", 22, ed25519, new SecureRandom())
                .withHashedHost("server.example", 2222, rsa, new SecureRandom())
                .withHashedHost("10.0.0.7", 22, rsa, new SecureRandom())
                .write(file);
        ToolRun found = find(file, "server.example");
        assertThat(found.exitCode()).isZero();
        assertThat(found.stdout()).contains("# Host server.example found: line 1").contains(ed25519.toOpenSsh().substring(12, 60))
                .doesNotContain("line 2");
        ToolRun withPort = find(file, "[server.example]:2222");
        assertThat(withPort.exitCode()).isZero();
        assertThat(withPort.stdout()).contains("# Host [server.example]:2222 found: line 2");
        assertThat(find(file, "10.0.0.7").stdout()).contains("found: line 3");
        assertThat(find(file, "other.example").exitCode()).isEqualTo(1);
        assertThat(find(file, "[server.example]:2200").exitCode()).isEqualTo(1);
    }

    @Test
    void bulwarkFindsEntriesHashedBySshKeygen() throws IOException {
        Path file = dir.resolve("hashed_by_ssh_keygen");
        String plain = "server.example,10.0.0.7 " + ed25519.toOpenSsh() + "\n"
                + "[git.example]:2222 " + rsa.toOpenSsh() + "\n";
        Files.writeString(file, plain);
        ToolRun.run(Tools.path("ssh-keygen"), "-H", "-f", file.toString()).ok();
        String hashed = Files.readString(file);
        assertThat(hashed).doesNotContain("server.example").startsWith("|1|");
        KnownHosts known = KnownHosts.read(file);
        assertThat(known.entries()).hasSize(3).allMatch(e -> e.hosts() instanceof HostNames.Hashed);
        assertThat(known.render()).isEqualTo(hashed);
        assertThat(known.verify("server.example", 22, ed25519).trusted()).isTrue();
        assertThat(known.verify("10.0.0.7", 22, ed25519).trusted()).isTrue();
        assertThat(known.verify("git.example", 2222, rsa).trusted()).isTrue();
        assertThat(known.verify("git.example", 22, rsa)).isEqualTo(new HostKeyStatus.Unknown());
        assertThat(known.verify("server.example", 22, rsa)).isInstanceOf(HostKeyStatus.Mismatch.class);
    }

    @Test
    void removingAHostLeavesWhatSshKeygenRLeaves() throws IOException {
        String text = "web1,web2 " + ed25519.toOpenSsh() + "\n" + "web3 " + rsa.toOpenSsh() + "\n"
                + "[web1]:2222 " + rsa.toOpenSsh() + "\n" + "@revoked web1 " + rsa.toOpenSsh() + "\n";
        Path file = dir.resolve("remove_known_hosts");
        Files.writeString(file, text);
        ToolRun.run(Tools.path("ssh-keygen"), "-R", "web1", "-f", file.toString()).ok();
        assertThat(KnownHosts.parse(text).withoutHost("web1", 22).render()).isEqualTo(Files.readString(file));
    }
}
