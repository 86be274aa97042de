package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Command;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.From;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options written by Bulwark, end to end through a real sshd on a loopback port. */
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen"})
class AuthorizedKeysSshdTest {

    @TempDir
    Path dir;

    private Path keyFile(SshKeyPair pair, String name) throws Exception {
        Path file = dir.resolve(name);
        pair.write(file, null);
        return file;
    }

    @Test
    void sshdHonoursFromAndCommandAndIgnoresLinesWithUnknownOptionsAsTheAuditSays() throws Exception {
        SshKeyPair open = SshKeyPair.generate().withComment("open");
        SshKeyPair elsewhere = SshKeyPair.generate().withComment("only-from-10/8");
        SshKeyPair forced = SshKeyPair.generate().withComment("forced");
        SshKeyPair typo = SshKeyPair.generate().withComment("typo");
        SshKeyPair longLine = SshKeyPair.generate().withComment("long-" + "x".repeat(9000));
        AuthorizedKeys file = AuthorizedKeys.empty()
                .withKey(open.publicKey())
                .withKey(AuthorizedKey.of(AuthorizedKeyOptions.of(new From(List.of("10.0.0.0/8"))), elsewhere.publicKey()))
                .withKey(AuthorizedKey.of(AuthorizedKeyOptions.of(KeyFlag.RESTRICT,
                        new Command("echo \"forced\" 'quote\" \\\\\"' ok")), forced.publicKey()))
                .withKey(AuthorizedKey.parse("no-pty,no-ptyy " + typo.publicKey().toOpenSsh()))
                .withKey(longLine.publicKey());
        try (TestSshd sshd = TestSshd.start(dir)) {
            file.write(sshd.authorizedKeysFile());

            ToolRun ok = sshd.login(keyFile(open, "open"), null);
            assertThat(ok.exitCode()).as(ok.stderr() + sshd.log()).isZero();

            ToolRun refused = sshd.login(keyFile(elsewhere, "elsewhere"), null);
            assertThat(refused.exitCode()).isEqualTo(255);
            assertThat(refused.stderr()).contains("Permission denied (publickey)");
            assertThat(sshd.awaitLog("with correct key but not from a permitted host")).contains("with correct key but not from a permitted host")
                    .contains("required=10.0.0.0/8");

            ToolRun command = sshd.login(keyFile(forced, "forced"), null);
            assertThat(command.exitCode()).as(command.stderr() + sshd.log()).isZero();
            assertThat(command.stdout()).isEqualTo("forced quote\" \\\\\" ok\n");

            ToolRun unknown = sshd.login(keyFile(typo, "typo"), null);
            assertThat(unknown.exitCode()).isEqualTo(255);
            String fingerprint = typo.publicKey().fingerprintSha256();
            assertThat(sshd.awaitLog("Failed publickey for " + TestSshd.user())).contains("Failed publickey for " + TestSshd.user())
                    .contains(fingerprint).doesNotContain("Accepted key ED25519 " + fingerprint);

            // OpenSSH 9.2 reads lines with getline(): a line over the documented 8 KiB still works
            ToolRun longOk = sshd.login(keyFile(longLine, "long"), null);
            assertThat(longOk.exitCode()).as(longOk.stderr() + sshd.log()).isZero();
        }
        assertThat(file.audit(AuthorizedKeysPolicy.DEFAULT)).extracting(Finding::id)
                .containsExactly("ssh.authorized-keys.unknown-option", "ssh.authorized-keys.long-line");
        // What sshd refused is not listed as an authorizing key; the line stays in the file and its inventory.
        assertThat(file.keys()).extracting(AuthorizedKey::key)
                .containsExactly(open.publicKey(), elsewhere.publicKey(), forced.publicKey(), longLine.publicKey());
        assertThat(file.ignoredKeys()).extracting(AuthorizedKey::key).containsExactly(typo.publicKey());
        assertThat(file.find(typo.publicKey())).isEmpty();
    }

    @Test
    void sshdAgreesWithBulwarkOnEveryRegressionLine() throws Exception {
        String sample = "AAAAC3NzaC1lZDI1NTE5AAAAIJc9SW1NDxaqRrEasrHsih6goryCk6j7225tVjJlEWJJ";
        SshKeyPair pair = SshKeyPair.generate();
        String base64 = pair.publicKey().toOpenSsh().split(" ")[1];
        Path key = keyFile(pair, "id");
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        try (TestSshd sshd = TestSshd.start(dir)) {
            for (String kind : List.of("accepted", "rejected", "denied")) {
                for (Path file : (Iterable<Path>) RegressionLinesTest.files(kind)::iterator) {
                    // lines end at '\n' only, as sshd's getline() reads them (a '\r' inside a comment stays)
                    List<String> lines = List.of(Files.readString(file).split("\n"));
                    String line = lines.get(lines.size() - 1);
                    if (!line.contains(sample + " ")) {
                        continue;
                    }
                    String ours = line.replace(sample, base64);
                    boolean bulwarkAccepts = AuthorizedKeys.tryParse(ours)
                            .map(k -> k.audit(AuthorizedKeysPolicy.DEFAULT).isEmpty()).orElse(false);
                    Files.writeString(sshd.authorizedKeysFile(), ours + "\n");
                    boolean sshdAccepts = sshd.login(key, null).exitCode() == 0;
                    if (bulwarkAccepts != sshdAccepts || bulwarkAccepts != kind.equals("accepted")) {
                        disagreements.add(kind + "/" + file.getFileName() + ": Bulwark " + bulwarkAccepts + ", sshd " + sshdAccepts);
                    }
                    checked++;
                }
            }
            assertThat(disagreements).as(sshd.log()).isEmpty();
        }
        assertThat(checked).isGreaterThanOrEqualTo(37);
    }

    /**
     * Issue 15: sshd refuses two from= clauses, and uses a key whose permitopen names a service or
     * whose comment holds a carriage return; Bulwark's inventory, audit and edits agree.
     */
    @Test
    void duplicatedFromIsRefusedWhileServiceNamePortsAndCarriageReturnCommentsAreLive() throws Exception {
        SshKeyPair twoFroms = SshKeyPair.generate();
        SshKeyPair service = SshKeyPair.generate();
        SshKeyPair carriage = SshKeyPair.generate();
        String text = "from=\"127.0.0.1\",from=\"127.0.0.1\" " + line(twoFroms) + " two-froms\n"
                + "permitopen=\"localhost:ssh\" " + line(service) + " service\n"
                + line(carriage) + " lap\rtop\n";
        var lenient = AuthorizedKeys.parseLenient(text, "authorized_keys");
        AuthorizedKeys file = lenient.value();
        assertThat(lenient.diagnostics()).extracting(Throwable::getMessage).containsExactly(
                "authorized_keys:1:1: multiple \"from\" options: sshd refuses such a line"
                        + " in 'from=\"127.0.0.1\",from=\"127.0.0.1\"'");
        assertThat(file.keys()).extracting(AuthorizedKey::key).containsExactly(service.publicKey(), carriage.publicKey());
        assertThat(file.keys().get(1).comment()).isEqualTo("lap\rtop");
        assertThat(file.audit(AuthorizedKeysPolicy.DEFAULT)).extracting(Finding::id, Finding::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ssh.authorized-keys.malformed-line", "authorized_keys:1"));
        assertThat(file.withoutFingerprint(carriage.publicKey().fingerprintSha256()).keys()).hasSize(1);
        assertThat(file.render()).isEqualTo(text);
        try (TestSshd sshd = TestSshd.start(dir)) {
            Files.writeString(sshd.authorizedKeysFile(), text);
            ToolRun refused = sshd.login(keyFile(twoFroms, "two-froms"), null);
            assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(255);
            assertThat(sshd.awaitLog("Failed publickey for " + TestSshd.user()))
                    .contains(twoFroms.publicKey().fingerprintSha256());
            ToolRun viaService = sshd.login(keyFile(service, "service"), null);
            assertThat(viaService.exitCode()).as(viaService.stderr() + sshd.log()).isZero();
            ToolRun viaCarriage = sshd.login(keyFile(carriage, "carriage"), null);
            assertThat(viaCarriage.exitCode()).as(viaCarriage.stderr() + sshd.log()).isZero();
        }
    }

    private static String line(SshKeyPair pair) {
        String[] parts = pair.publicKey().toOpenSsh().split(" ");
        return parts[0] + " " + parts[1];
    }
}
