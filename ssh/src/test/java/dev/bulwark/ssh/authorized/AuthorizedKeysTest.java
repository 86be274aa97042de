package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.From;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysTest {

    static final SshPublicKey ALICE = newKey("alice@laptop");
    static final SshPublicKey BOB = newKey("bob@desk");

    static SshPublicKey newKey(String comment) {
        try {
            return SshPublicKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(), comment);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void addsAKeyOnlyOnceAndKeepsOtherLinesUntouched() {
        String text = "# keys\n  " + ALICE.toOpenSsh() + "  \n";
        AuthorizedKeys file = AuthorizedKeys.parse(text);
        assertThat(file.withKey(ALICE.withComment("other comment"))).isSameAs(file);
        AuthorizedKeys added = file.withKey(BOB);
        assertThat(added.render()).isEqualTo(text + BOB.toOpenSsh() + "\n");
        assertThat(AuthorizedKeys.parse("x".isEmpty() ? "" : ALICE.toOpenSsh()).withKey(BOB).render())
                .isEqualTo(ALICE.toOpenSsh() + "\n" + BOB.toOpenSsh() + "\n");
    }

    @Test
    void removesByFingerprintOrComment() {
        AuthorizedKeys file = AuthorizedKeys.empty().withKey(ALICE).withKey(BOB);
        assertThat(file.withoutFingerprint(ALICE.fingerprintSha256()).keys()).extracting(AuthorizedKey::key).containsExactly(BOB);
        assertThat(file.withoutFingerprint(BOB.fingerprintMd5()).keys()).extracting(AuthorizedKey::key).containsExactly(ALICE);
        assertThat(file.withoutComment("bob@desk").keys()).extracting(AuthorizedKey::comment).containsExactly("alice@laptop");
        assertThat(file.withoutComment("nobody")).isEqualTo(file);
    }

    @Test
    void setsOptionsOnAnEntryRenderingOnlyThatLineAfresh() {
        String text = "#c\n" + ALICE.toOpenSsh() + "\n" + "no-pty   " + BOB.toOpenSsh() + "\n";
        AuthorizedKeys file = AuthorizedKeys.parse(text)
                .withOptions(ALICE, AuthorizedKeyOptions.of(KeyFlag.RESTRICT, new From(List.of("10.0.0.0/8"))));
        assertThat(file.render()).isEqualTo("#c\nrestrict,from=\"10.0.0.0/8\" " + ALICE.toOpenSsh() + "\n"
                + "no-pty   " + BOB.toOpenSsh() + "\n");
        assertThatThrownBy(() -> AuthorizedKeys.empty().withOptions(ALICE, AuthorizedKeyOptions.NONE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("no entry for key " + ALICE.fingerprintSha256() + " to set options on");
    }

    @Test
    void strictParsingThrowsAtTheBadLineAndColumn() {
        assertThatThrownBy(() -> AuthorizedKeys.parse("# ok\n" + "no-pty,command=\"ls " + ALICE.toOpenSsh() + "\n", "authorized_keys"))
                .isInstanceOf(ParseException.class)
                .hasMessage("authorized_keys:2:1: unterminated quote in key options");
        assertThatThrownBy(() -> AuthorizedKeys.parse("restrict,from=10.1.1.1 " + ALICE.toOpenSsh()))
                .hasMessage("<string>:1:15: missing start quote for from value in 'restrict,from=10.1.1.1'");
        assertThatThrownBy(() -> AuthorizedKeys.parse("ssh-ed25519 AAAA$$$$ x"))
                .hasMessage("<string>:1:13: key data is not base64");
        assertThatThrownBy(() -> AuthorizedKeys.parse("restrict"))
                .hasMessage("<string>:1:1: no key after the options (or an unknown key type)");
        assertThatThrownBy(() -> AuthorizedKeys.parse("ssh-rsa " + ALICE.toOpenSsh().substring(12)))
                .hasMessage("<string>:1:1: key type 'ssh-rsa' does not match the type inside the key data");
    }

    @Test
    void lenientParsingKeepsBadLinesAndTheAuditReportsThem() {
        String text = ALICE.toOpenSsh() + "\nno-pty,frobnicate " + BOB.toOpenSsh() + "\ngarbage line here\n";
        ParseResult<AuthorizedKeys> result = AuthorizedKeys.parseLenient(text, "keys");
        assertThat(result.value().render()).isEqualTo(text);
        assertThat(result.diagnostics()).extracting(ParseException::getMessage)
                .containsExactly("keys:3:1: the line starts with neither a key nor a known option in 'garbage'");
        List<Finding> findings = result.value().audit(AuthorizedKeysPolicy.DEFAULT.withSourceRestrictionRequired(true));
        assertThat(findings).extracting(f -> f.id() + " " + f.subject()).containsExactly(
                "ssh.authorized-keys.no-source-restriction keys:1",
                "ssh.authorized-keys.no-source-restriction keys:2",
                "ssh.authorized-keys.unknown-option keys:2",
                "ssh.authorized-keys.malformed-line keys:3");
        assertThat(findings.get(2).message()).isEqualTo("sshd does not know option 'frobnicate' and ignores the whole line"
                + " (key ssh-ed25519 " + BOB.fingerprintSha256() + ")");
    }

    @Test
    void aLineWithAnOptionSshdDoesNotKnowAuthorizesNothingButStaysInTheFile() {
        // sshd skips such a line ("bad key options: unknown key option"); AuthorizedKeysSshdTest shows it with a real sshd.
        String text = "no-pty,frobnicate " + BOB.toOpenSsh() + "\n" + ALICE.toOpenSsh() + "\n";
        AuthorizedKeys file = AuthorizedKeys.parse(text, "keys");
        assertThat(file.keys()).extracting(AuthorizedKey::key).containsExactly(ALICE);
        assertThat(file.ignoredKeys()).extracting(AuthorizedKey::key).containsExactly(BOB);
        assertThat(file.ignoredKeys().get(0).isIgnoredBySshd()).isTrue();
        assertThat(file.find(BOB)).isEmpty();
        assertThat(file.lines()).hasSize(2);
        assertThat(file.render()).isEqualTo(text);
        AuthorizedKeys added = file.withKey(BOB);
        assertThat(added.keys()).extracting(AuthorizedKey::key).containsExactly(ALICE, BOB);
        AuthorizedKeys mended = file.withOptions(BOB, AuthorizedKeyOptions.of(KeyFlag.NO_PTY));
        assertThat(mended.keys()).extracting(AuthorizedKey::key).containsExactly(BOB, ALICE);
        assertThat(mended.render()).startsWith("no-pty " + BOB.toOpenSsh() + "\n");
    }

    @Test
    void anIgnoredLineDoesNotShadowALaterLineForTheSameKey() {
        String text = "frobnicate " + BOB.toOpenSsh() + "\nno-pty " + BOB.toOpenSsh() + "\n";
        List<Finding> findings = AuthorizedKeys.parse(text, "keys").audit(AuthorizedKeysPolicy.DEFAULT);
        assertThat(findings).extracting(f -> f.id() + " " + f.subject())
                .containsExactly("ssh.authorized-keys.unknown-option keys:1");
        assertThat(AuthorizedKeys.parse(text, "keys").find(BOB).orElseThrow().options().has(KeyFlag.NO_PTY)).isTrue();
    }

    @Test
    void reportsLinesOverTheDocumentedEightKilobytes() {
        String longComment = "c".repeat(8200);
        AuthorizedKeys file = AuthorizedKeys.parse(ALICE.withComment(longComment).toOpenSsh() + "\n");
        assertThat(file.audit(AuthorizedKeysPolicy.DEFAULT)).extracting(Finding::id)
                .containsExactly("ssh.authorized-keys.long-line");
        assertThat(AuthorizedKeys.parse(ALICE.toOpenSsh()).audit(AuthorizedKeysPolicy.DEFAULT)).isEmpty();
    }

    @Test
    void reportsExpiredKeysByTheGivenClockAndServerZone() {
        AuthorizedKeys file = AuthorizedKeys.parse("expiry-time=\"202601011200\" " + ALICE.toOpenSsh() + "\n"
                + "expiry-time=\"20260101Z\" " + BOB.toOpenSsh() + "\n");
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        java.time.Clock beforeNoonBerlin = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T10:59:59Z"), berlin);
        assertThat(file.audit(AuthorizedKeysPolicy.DEFAULT, beforeNoonBerlin)).extracting(Finding::subject)
                .containsExactly("<string>:2");
        java.time.Clock atNoonBerlin = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T11:00:00Z"), berlin);
        List<Finding> findings = file.audit(AuthorizedKeysPolicy.DEFAULT, atNoonBerlin);
        assertThat(findings).extracting(Finding::id).containsOnly("ssh.authorized-keys.expired").hasSize(2);
        assertThat(findings.get(0).message()).isEqualTo("key ssh-ed25519 " + ALICE.fingerprintSha256()
                + " expired at 2026-01-01T11:00:00Z (expiry-time=\"202601011200\"); sshd refuses it");
    }

    @Test
    void policyRefusesAnRsaMinimumBelow2048() {
        assertThatThrownBy(() -> AuthorizedKeysPolicy.DEFAULT.withMinimumRsaBits(1024))
                .isInstanceOf(ValidationException.class)
                .hasMessage("minimumRsaBits 1024 is below 2048; RSA keys under 2048 bits are weak (use 3072, or Ed25519 keys)");
    }

    @Test
    void writesWithOwnerOnlyModesAndCreatesSshDirectory(@TempDir Path home) throws IOException {
        Path file = home.resolve(".ssh/authorized_keys");
        AuthorizedKeys.empty().withKey(ALICE).write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(AuthorizedKeys.read(file).keys()).extracting(AuthorizedKey::key).containsExactly(ALICE);
    }

    @Test
    void refusesFilesThatAreNotUtf8WithTheirPosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("authorized_keys");
        Files.write(file, new byte[] {'#', 'a', '\n', '#', 'b', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> AuthorizedKeys.readLenient(file))
                .isInstanceOf(ParseException.class)
                .hasMessage(file + ":2:3: bytes that are not UTF-8; Bulwark edits UTF-8 files only");
    }

    @Test
    void toStringShowsFingerprintsNotKeyData() {
        AuthorizedKey entry = AuthorizedKey.of(AuthorizedKeyOptions.of(KeyFlag.NO_PTY), ALICE);
        assertThat(entry.toString()).isEqualTo("no-pty ssh-ed25519 " + ALICE.fingerprintSha256() + " alice@laptop");
    }
}
