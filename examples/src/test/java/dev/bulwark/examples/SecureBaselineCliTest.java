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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a non-zero status and one line on stderr; an earlier kit is replaced. */
class SecureBaselineCliTest {

    @TempDir
    Path temp;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SecureBaseline.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
    void printsItsUsageForHelpAndExitsZero() {
        Outcome o = raw("--help");
        assertThat(o.status()).isZero();
        assertThat(o.out()).isEqualTo(SecureBaseline.USAGE + "\n").contains("--target", "--from-files", "--no-audit");
        assertThat(o.err()).isEmpty();
        assertThat(raw("--out", "x", "-h").out()).isEqualTo(o.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--target a@h --no-audit|choose one of --target, --from-files and --no-audit (--no-local)",
        "--from-files d --no-local|choose one of --target, --from-files and --no-audit (--no-local)",
        "--identity k|--identity goes with --target",
        "--sudo|--sudo goes with --target",
        "--target web1|--target 'web1' is not USER@HOST[:PORT]",
        "--target root@web1:99999|--target 'root@web1:99999': port 99999 is not between 1 and 65535",
        "--target root@web1:ssh|--target 'root@web1:ssh': port 'ssh' is not a number",
        "--target root@[::1]:x2|--target 'root@[::1]:x2': port 'x2' is not a number",
        "--target r;m@web1|--target 'r;m@web1': user must be a login name, not 'r;m'",
        "--target root@web1 --known-hosts /nonexistent/kh|--known-hosts /nonexistent/kh does not exist: the target's"
                + " host key must be known (ssh-keyscan, then check its fingerprint)",
    })
    void rejectsBadAuditOptionsWithOneLine(String args, String message) {
        Outcome o = raw(args.split(" "));
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("SecureBaseline: " + message + "\n");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void readsTargetsWithPortsAndIpv6Addresses() throws Exception {
        assertThat(SecureBaseline.target("admin@web1.example.com")).hasToString("admin@web1.example.com:22");
        assertThat(SecureBaseline.target("admin@192.0.2.1:2222")).hasToString("admin@192.0.2.1:2222");
        assertThat(SecureBaseline.target("admin@[2001:db8::1]:2222")).hasToString("admin@2001:db8::1:2222");
        assertThat(SecureBaseline.target("admin@2001:db8::1").port()).isEqualTo(22);
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

    /** Runs the kit with {@code spec} as the spec file; demands status 2 and no kit; returns stderr with the file as SPEC. */
    private String refusal(byte[] spec) throws IOException {
        Path file = temp.resolve("refused.spec");
        Files.write(file, spec);
        Outcome o = run("--spec", file.toString(), "--out", temp.resolve("kit").toString());
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(temp.resolve("kit")).doesNotExist();
        return o.err().replace(file.toString(), "SPEC");
    }

    @Test
    void rejectsABadSpecWithFileLineAndColumn() throws IOException {
        assertThat(refusal("host web1\nadmin alice\npublic https tcp/4430000\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("SecureBaseline: SPEC:3:18: port 4430000 is above 65535 in '4430000'\n");
    }

    @Test
    void refusesASpecThatIsNotUtf8WithItsPosition() throws IOException {
        assertThat(refusal("host web1\nadmin alice\nca Caf\u00e9 CA\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo("SecureBaseline: SPEC:3:7: not UTF-8: byte 0xE9 cannot start or continue a character;"
                        + " save the spec as UTF-8\n");
    }

    @Test
    void refusesRootAsAdminBeforeWritingAnything() throws IOException {
        assertThat(refusal("host web1\nadmin root\nca Test CA\nserver web1\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("SecureBaseline: SPEC:2:7: 'root' cannot be the admin: the kit sets PermitRootLogin no, so"
                        + " root could not log in over SSH; name an unprivileged account that uses sudo, e.g. 'admin alice'\n");
    }

    @Test
    void rejectsTwoServicesOnOnePortNamingBothLines() throws IOException {
        assertThat(refusal(("host web1\nadmin alice\nca Test CA\nserver web1\n"
                + "public https tcp/443\ninternal https-admin tcp/443\n").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("SecureBaseline: SPEC:6:22: 'https-admin' (tcp/443) overlaps 'https' (tcp/443, line 5)\n");
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
        Outcome first = run("--out", dir.toString());
        assertThat(first.status()).isZero();
        Matcher count = Pattern.compile(" \\((\\d+) files; ").matcher(first.out());
        assertThat(count.find()).isTrue();
        assertThat(Integer.parseInt(count.group(1))).isEqualTo(Kit.walk(dir).size());
        assertThat(first.out().lines().toList().get(2)).matches("Findings that remain: 0 in the kit's files;"
                + " web1\\.example\\.com not audited \\(--target or --from-files\\); notes: \\d+ \\(see REPORT\\.md\\)\\.");
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
