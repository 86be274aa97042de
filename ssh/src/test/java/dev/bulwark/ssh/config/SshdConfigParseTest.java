package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdConfigParseTest {

    @TempDir
    Path dir;

    @Test
    void unknownKeywordIsRejectedWithPositionAndSuggestion() {
        String text = "# header\n".repeat(11) + "PermitRootLogn no\n";
        assertThatThrownBy(() -> SshdConfig.parse(text))
                .isInstanceOf(ParseException.class)
                .hasMessage("sshd_config:12:1: unknown keyword 'PermitRootLogn' (did you mean PermitRootLogin?)");
    }

    @Test
    void lenientParseKeepsBadLinesAndReportsThem() {
        String text = "PermitRootLogn no\nPasswordAuthentication maybe\nX11Forwarding yes\n";
        ParseResult<SshdConfig> r = SshdConfig.parseLenient(text);
        assertThat(r.diagnostics()).extracting(ParseException::getMessage).containsExactly(
                "sshd_config:1:1: unknown keyword 'PermitRootLogn' (did you mean PermitRootLogin?)",
                "sshd_config:2:1: unsupported option \"maybe\". in 'PasswordAuthentication maybe'");
        assertThat(r.value().render()).isEqualTo(text);
        assertThat(r.value().effective().value(SshdKeyword.X11_FORWARDING)).contains("yes");
    }

    @Test
    void veryLongLinesAreHandledQuickly() {
        String digits = "1".repeat(200_000);
        assertThatThrownBy(() -> SshdConfig.parse("LoginGraceTime " + digits + "x\n"))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("sshd_config:1:1: invalid time value. in 'LoginGraceTime 111");
        assertThatThrownBy(() -> SshdConfig.parse("X".repeat(200_000) + " yes\n"))
                .hasMessageStartingWith("sshd_config:1:1: unknown keyword 'XXXX").hasMessageContaining("...");
        SshdConfig c = SshdConfig.parse("Match User " + "*".repeat(100_000) + "a\n  X11Forwarding yes\n");
        assertThat(c.effective(ConnectionSpec.of("bba", "h", "10.0.0.1")).value(SshdKeyword.X11_FORWARDING)).contains("yes");
    }

    @Test
    void messagesNeverCarryControlCharacters() {
        assertThatThrownBy(() -> SshdConfig.parse("Permit\u001bRootLogin no\n"))
                .hasMessage("sshd_config:1:1: unknown keyword 'Permit?RootLogin' (did you mean PermitRootLogin?) "
                        + "in 'Permit\\u001bRootLogin'");
    }

    @Test
    void readLenientReportsBadLinesOfIncludedFiles() throws Exception {
        Path d = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(d.resolve("a.conf"), "X11Forwarding yes\nBogus 1\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "Include conf.d/*.conf\nPort 22\n");
        ParseResult<SshdConfig> r = SshdConfig.readLenient(main, IncludeRoot.directory(dir));
        assertThat(r.diagnostics()).extracting(ParseException::getMessage)
                .containsExactly(d.resolve("a.conf") + ":2:1: unknown keyword 'Bogus'");
        assertThat(r.value().effective().value(SshdKeyword.X11_FORWARDING)).contains("yes");
    }

    @Test
    void keywordsAreCaseInsensitiveAndAcceptEqualsSign() {
        SshdConfig c = SshdConfig.parse("passwordauthentication=no\nPERMITROOTLOGIN = yes\n");
        assertThat(c.effective().value(SshdKeyword.PASSWORD_AUTHENTICATION)).contains("no");
        assertThat(c.effective().value(SshdKeyword.PERMIT_ROOT_LOGIN)).contains("yes");
    }

    @Test
    void firstValueWinsAndAliasesShareTheOption() {
        SshdConfig c = SshdConfig.parse("ChallengeResponseAuthentication yes\nKbdInteractiveAuthentication no\n"
                + "MaxAuthTries 2\nMaxAuthTries 9\n");
        assertThat(c.effective().value(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION)).contains("yes");
        assertThat(c.effective().source(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION).orElseThrow().location())
                .isEqualTo("sshd_config:1");
        assertThat(c.effective().value(SshdKeyword.MAX_AUTH_TRIES)).contains("2");
    }

    @Test
    void listKeywordsAccumulate() {
        SshdConfig c = SshdConfig.parse("AllowUsers alice bob\nAllowUsers carol\nPort 22\nPort 2222\n");
        assertThat(c.effective().values(SshdKeyword.ALLOW_USERS)).containsExactly("alice", "bob", "carol");
        assertThat(c.effective().values(SshdKeyword.PORT)).containsExactly("22", "2222");
    }

    @Test
    void duplicateSubsystemIsFatalAsBeforeOpenSsh95() {
        assertThatThrownBy(() -> SshdConfig.parse("Subsystem sftp /a\nSubsystem sftp /b\n"))
                .hasMessage("sshd_config:2:1: Subsystem 'sftp' already defined.");
    }

    @Test
    void globalOnlyKeywordInsideMatchIsRejected() {
        assertThatThrownBy(() -> SshdConfig.parse("Match User bob\n  Port 2222\n"))
                .hasMessage("sshd_config:2:3: Directive 'Port' is not allowed within a Match block");
    }

    @Test
    void quotesAndTrailingCommentsFollowArgvSplit() {
        SshdConfig c = SshdConfig.parse("Banner \"/etc/my banner\"\nPermitRootLogin no # comment\n");
        assertThat(c.effective().value(SshdKeyword.BANNER)).contains("/etc/my banner");
        assertThat(c.effective().value(SshdKeyword.PERMIT_ROOT_LOGIN)).contains("no");
        assertThatThrownBy(() -> SshdConfig.parse("Banner \"/etc/x\n")).hasMessage("sshd_config:1:1: invalid quotes in 'Banner \"/etc/x'");
    }

    @Test
    void extraArgumentsAreRejected() {
        assertThatThrownBy(() -> SshdConfig.parse("PermitRootLogin no yes\n"))
                .hasMessage("sshd_config:1:1: keyword PermitRootLogin extra arguments at end of line in 'PermitRootLogin no yes'");
    }

    @Test
    void matchCriteriaAreChecked() {
        assertThatThrownBy(() -> SshdConfig.parse("Match Invalid-User\n")).hasMessage(
                "sshd_config:1:1: Unsupported Match attribute 'Invalid-User'");
        assertThatThrownBy(() -> SshdConfig.parse("Match all User bob\n")).hasMessage(
                "sshd_config:1:1: 'all' cannot be combined with other Match attributes");
        assertThatThrownBy(() -> SshdConfig.parse("Match Address 10.0.0.1/8\n")).hasMessage(
                "sshd_config:1:1: Invalid Match address argument '10.0.0.1/8'");
        assertThatThrownBy(() -> SshdConfig.parse("Match User\n")).hasMessage(
                "sshd_config:1:1: Missing Match criteria for User");
    }

    @Test
    void matchBlockRunsToNextMatchAndAppliesToMatchingConnections() {
        SshdConfig c = SshdConfig.parse("PasswordAuthentication no\nMatch Address 10.0.0.0/8,!10.0.0.9\n"
                + "  PasswordAuthentication yes\nMatch User alice\n  X11Forwarding yes\n");
        ConnectionSpec inside = ConnectionSpec.of("bob", "h", "10.1.2.3");
        ConnectionSpec negated = ConnectionSpec.of("bob", "h", "10.0.0.9");
        assertThat(c.effective(inside).value(SshdKeyword.PASSWORD_AUTHENTICATION)).contains("yes");
        assertThat(c.effective(inside).value(SshdKeyword.X11_FORWARDING)).contains("no");
        assertThat(c.effective(negated).value(SshdKeyword.PASSWORD_AUTHENTICATION)).contains("no");
        assertThat(c.effective(ConnectionSpec.of("alice", "h", "192.0.2.1")).value(SshdKeyword.X11_FORWARDING))
                .contains("yes");
        assertThat(c.matchBlocks()).extracting(MatchBlock::condition)
                .containsExactly("Address 10.0.0.0/8,!10.0.0.9", "User alice");
    }

    @Test
    void readFollowsRelativeIncludesInLexicalOrder() throws Exception {
        Path d = Files.createDirectories(dir.resolve("sshd_config.d"));
        Files.writeString(d.resolve("50-cloud-init.conf"), "PasswordAuthentication yes\n");
        Files.writeString(d.resolve("10-first.conf"), "MaxAuthTries 2\n");
        Files.writeString(d.resolve(".hidden.conf"), "MaxAuthTries 9\n");
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, "Include sshd_config.d/*.conf\nPasswordAuthentication no\n");
        SshdConfig c = SshdConfig.read(main, IncludeRoot.directory(dir));
        assertThat(c.files()).extracting(f -> Path.of(f.name()).getFileName().toString())
                .containsExactly("sshd_config", "10-first.conf", "50-cloud-init.conf");
        assertThat(c.effective().value(SshdKeyword.PASSWORD_AUTHENTICATION)).contains("yes");
        assertThat(c.effective().source(SshdKeyword.PASSWORD_AUTHENTICATION).orElseThrow().location())
                .isEqualTo(d.resolve("50-cloud-init.conf") + ":1");
    }

    @Test
    void includeRecursionIsStoppedAtSshdsDepth() throws Exception {
        Path loop = dir.resolve("loop.conf");
        Files.writeString(loop, "Include " + loop + "\n");
        assertThatThrownBy(() -> SshdConfig.read(loop)).isInstanceOf(ParseException.class)
                .hasMessageEndingWith("Too many recursive configuration includes");
    }

    @Test
    void tryParseAndParseAgree() {
        assertThat(SshdConfig.tryParse("Bogus x\n")).isEmpty();
        assertThat(SshdConfig.tryParse("Port 22\n")).map(SshdConfig::render).contains("Port 22\n");
    }

    @Test
    void parsedFromStringDoesNotFollowIncludes() {
        SshdConfig c = SshdConfig.parse("Include /etc/ssh/sshd_config.d/*.conf\n");
        assertThat(c.files()).hasSize(1);
        assertThat(c.directives(SshdKeyword.INCLUDE)).hasSize(1);
    }

    @Test
    void algorithmModifiersResolveAgainstDefaults() {
        SshdConfig c = SshdConfig.parse("Ciphers -chacha20*,aes*-ctr\nMACs ^hmac-sha1\n");
        assertThat(c.effective().value(SshdKeyword.CIPHERS)).contains("aes128-gcm@openssh.com,aes256-gcm@openssh.com");
        assertThat(c.effective().value(SshdKeyword.MACS).orElseThrow()).startsWith("hmac-sha1,umac-64-etm");
        assertThat(List.of(c.effective().value(SshdKeyword.MACS).orElseThrow().split(","))).doesNotHaveDuplicates();
    }
}
