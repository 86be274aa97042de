package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a non-zero status and one line on stderr; an earlier kit is replaced. */
class SecureBaselineCliTest {

    @TempDir
    Path temp;

    private record Outcome(int status, String out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--no-local");
        int status = SecureBaseline.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAnUnknownFlag() {
        Outcome o = run("--outt", "x");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("SecureBaseline: unknown argument '--outt'"
                + " (SecureBaseline --help lists the options)\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void rejectsAMissingValue() {
        assertThat(run("--spec").err()).isEqualTo("SecureBaseline: --spec needs a value\n");
    }

    @Test
    void rejectsAnUnreadableSpec() {
        Path missing = temp.resolve("missing.spec");
        Outcome o = run("--spec", missing.toString(), "--out", temp.resolve("kit").toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("SecureBaseline: cannot read spec " + missing + ": no such file\n");
        assertThat(temp.resolve("kit")).doesNotExist();
    }

    @Test
    void rejectsABadSpecWithFileLineAndColumn() throws IOException {
        Path spec = temp.resolve("bad.spec");
        Files.writeString(spec, "host web1\nadmin alice\npublic https tcp/4430000\n");
        Outcome o = run("--spec", spec.toString(), "--out", temp.resolve("kit").toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("SecureBaseline: " + spec + ":3:18: port 4430000 is above 65535 in '4430000'\n");
        assertThat(temp.resolve("kit")).doesNotExist();
    }

    @Test
    void rejectsTwoServicesOnOnePortNamingBothLines() throws IOException {
        Path spec = temp.resolve("clash.spec");
        Files.writeString(spec, "host web1\nadmin alice\nca Test CA\nserver web1\n"
                + "public https tcp/443\ninternal https-admin tcp/443\n");
        Outcome o = run("--spec", spec.toString(), "--out", temp.resolve("kit").toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("SecureBaseline: " + spec + ":6:22: 'https-admin' (tcp/443) overlaps 'https'"
                + " (tcp/443, line 5)\n");
    }

    @Test
    void refusesANonEmptyDirectoryThatIsNotAKit() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("home"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Outcome o = run("--out", dir.toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("SecureBaseline: --out " + dir + " is not empty and not an earlier kit"
                + " (no .bulwark-kit); choose a new or empty directory\n");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void replacesAnEarlierKitAndNotesWhatItDidNotRead() throws IOException {
        Path dir = temp.resolve("kit");
        assertThat(run("--out", dir.toString()).status()).isZero();
        String firstKey = Files.readString(dir.resolve("ssh/id_ed25519.pub"));
        Files.writeString(dir.resolve("stale.txt"), "left over");
        Outcome second = run("--out", dir.toString());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(dir.resolve("stale.txt")).doesNotExist();
        assertThat(Files.readString(dir.resolve("ssh/id_ed25519.pub"))).isNotEqualTo(firstKey);
        assertThat(Files.readString(dir.resolve("REPORT.md")))
                .contains("## Findings on web1.example.com: not audited\n", "- web1.example.com was not audited, so the kit"
                        + " reports no findings about it");
        assertThat(dir.resolve("audit")).doesNotExist();
    }

    @Test
    void startsFromDebiansDefaultWhenTheCurrentSshdConfigIsMissing() throws IOException {
        Path dir = temp.resolve("kit");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int status = SecureBaseline.run(List.of("--out", dir.toString()), out, out);
        assertThat(status).isZero();
        assertThat(Files.readString(dir.resolve("ssh/sshd_config.diff"))).contains("--- default sshd_config");
        assertThat(Files.readString(dir.resolve("ssh/sshd_config"))).contains("PermitRootLogin no", "AllowUsers alice");
    }
}
