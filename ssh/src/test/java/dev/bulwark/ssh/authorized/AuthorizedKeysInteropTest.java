package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.ToolRun;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of real-world-style lines around keys made by ssh-keygen, checked against ssh-keygen -l. */
@RequiresTool("ssh-keygen")
class AuthorizedKeysInteropTest {

    @TempDir
    static Path dir;
    static final Map<String, String> KEYS = new LinkedHashMap<>();

    @BeforeAll
    static void generateKeys() throws IOException {
        String[][] kinds = {{"ed25519", "ed25519", ""}, {"ecdsa256", "ecdsa", "256"}, {"ecdsa384", "ecdsa", "384"},
            {"ecdsa521", "ecdsa", "521"}, {"rsa2048", "rsa", "2048"}, {"rsa1024", "rsa", "1024"}, {"dsa", "dsa", ""}};
        for (String[] kind : kinds) {
            List<String> cmd = new ArrayList<>(List.of(Tools.path("ssh-keygen"), "-q", "-t", kind[1], "-N", "",
                    "-C", kind[0] + "@corpus", "-f", dir.resolve(kind[0]).toString()));
            if (!kind[2].isEmpty()) {
                cmd.addAll(List.of("-b", kind[2]));
            }
            ToolRun.run(cmd).ok();
            KEYS.put(kind[0], Files.readString(dir.resolve(kind[0] + ".pub")).strip());
        }
    }

    static String corpus() {
        return String.join("\n",
                "# ~/.ssh/authorized_keys of deploy@web1",
                "",
                KEYS.get("ed25519"),
                "restrict,command=\"/usr/local/bin/backup --dest \\\"/srv/backup\\\"\" " + KEYS.get("ecdsa256"),
                "   \t# indented comment",
                "from=\"10.0.0.0/8,192.168.1.*,!192.168.1.66\",no-pty,no-agent-forwarding,no-port-forwarding,"
                        + "no-X11-forwarding,no-user-rc " + KEYS.get("ecdsa384"),
                "restrict,pty,agent-forwarding,port-forwarding,X11-forwarding,user-rc,"
                        + "environment=\"PATH=/usr/bin:/bin\",expiry-time=\"202612312359Z\" " + KEYS.get("ecdsa521"),
                "permitopen=\"192.0.2.1:80\",permitopen=\"[2001:db8::1]:443\",permitlisten=\"localhost:8080\","
                        + "permitlisten=\"[::1]:22000\",tunnel=\"0\",command=\"sh /etc/netstart tun0\" "
                        + KEYS.get("rsa2048"),
                "cert-authority,principals=\"alice,bob\",no-touch-required " + KEYS.get("ed25519").replace("ed25519@corpus", "ca"),
                "NO-PTY,From=\"*.example.org\"\t" + KEYS.get("rsa1024") + "\r",
                "  " + KEYS.get("dsa") + "   trailing   words  ",
                "verify-required,expiry-time=\"20270101\" " + KEYS.get("rsa2048").replace("rsa2048@corpus", "")
                        .stripTrailing(),
                "#" + KEYS.get("ed25519"),
                "");
    }

    @Test
    void parsesTheCorpusAndRendersItByteForByte() throws IOException {
        String text = corpus();
        AuthorizedKeys file = AuthorizedKeys.parse(text);
        assertThat(file.render()).isEqualTo(text);
        assertThat(file.keys()).hasSize(9);
        assertThat(file.lines()).hasSize(13);
        Path written = dir.resolve("corpus_keys");
        Files.writeString(written, text);
        assertThat(AuthorizedKeys.read(written).render()).isEqualTo(text);
    }

    @Test
    void fingerprintsAndSizesEqualSshKeygenOnTheSameFile() throws IOException {
        Path file = dir.resolve("authorized_keys_l");
        Files.writeString(file, corpus());
        List<String> expected = Arrays.stream(ToolRun.run(Tools.path("ssh-keygen"), "-l", "-f", file.toString()).ok()
                .split("\n")).map(l -> l.split(" ")[0] + " " + l.split(" ")[1]).collect(Collectors.toList());
        List<String> actual = AuthorizedKeys.read(file).keys().stream()
                .map(k -> k.key().bits() + " " + k.key().fingerprintSha256()).collect(Collectors.toList());
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void readsEveryOptionKindAndTheComments() {
        List<AuthorizedKey> keys = AuthorizedKeys.parse(corpus()).keys();
        assertThat(keys.get(0).options().isEmpty()).isTrue();
        assertThat(keys.get(0).comment()).isEqualTo("ed25519@corpus");
        assertThat(keys.get(1).options().command()).contains("/usr/local/bin/backup --dest \"/srv/backup\"");
        assertThat(keys.get(2).options().from()).containsExactly("10.0.0.0/8", "192.168.1.*", "!192.168.1.66");
        assertThat(keys.get(3).options().has(KeyFlag.X11_FORWARDING)).isTrue();
        assertThat(keys.get(4).options().asList()).hasSize(6);
        assertThat(keys.get(5).options().principals()).contains(List.of("alice", "bob"));
        assertThat(keys.get(6).options().has(KeyFlag.NO_PTY)).isTrue();
        assertThat(keys.get(6).comment()).isEqualTo("rsa1024@corpus");
        assertThat(keys.get(7).comment()).isEqualTo("dsa@corpus   trailing   words");
        assertThat(keys.get(8).comment()).isEmpty();
    }

    @Test
    void auditReportsWeakAndDuplicateKeysWithLineNumbers() {
        List<Finding> findings = AuthorizedKeys.parse(corpus()).audit(AuthorizedKeysPolicy.DEFAULT.withEcdsaAllowed(false));
        assertThat(findings).extracting(f -> f.id() + " " + f.subject()).containsExactly(
                "ssh.authorized-keys.weak-key <string>:4",
                "ssh.authorized-keys.weak-key <string>:6",
                "ssh.authorized-keys.weak-key <string>:7",
                "ssh.authorized-keys.duplicate-key <string>:9",
                "ssh.authorized-keys.weak-key <string>:10",
                "ssh.authorized-keys.weak-key <string>:11",
                "ssh.authorized-keys.duplicate-key <string>:12");
        assertThat(findings.get(4).message()).startsWith("RSA key ssh-rsa SHA256:").endsWith(" has 1024 bits, fewer than 2048");
    }

    @Test
    void keysWrittenByBulwarkAreReadBySshKeygen() throws IOException {
        AuthorizedKeys file = AuthorizedKeys.empty();
        for (String line : KEYS.values()) {
            file = file.withKey(AuthorizedKey.parse(line).key());
        }
        AuthorizedKey first = file.keys().get(0);
        file = file.withOptions(first.key(), AuthorizedKeyOptions.of(KeyFlag.RESTRICT,
                new AuthorizedKeyOption.Command("echo \"quoted\" it's"), new AuthorizedKeyOption.From(List.of("10.0.0.0/8"))));
        Path path = dir.resolve("written_keys");
        Files.write(path, file.render().getBytes(StandardCharsets.UTF_8));
        String listed = ToolRun.run(Tools.path("ssh-keygen"), "-l", "-f", path.toString()).ok();
        assertThat(listed.split("\n")).hasSize(KEYS.size());
        assertThat(listed).contains(first.key().fingerprintSha256());
        assertThat(AuthorizedKeys.parse(file.render()).keys().get(0).options().command()).contains("echo \"quoted\" it's");
    }
}
