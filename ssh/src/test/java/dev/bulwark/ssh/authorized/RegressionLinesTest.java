package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.audit.Finding;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression inputs in {@code src/test/resources/.../authorized}: each file in {@code rejected} is
 * a {@code # expect: <reason>} line and one line sshd refuses; strict parsing must fail on line 2
 * with that reason, lenient parsing must keep the file unchanged and the audit report it. Each file
 * in {@code accepted} is one quirky line sshd accepts; it must parse strictly with a clean audit.
 * Each file in {@code denied} is a {@code # expect-finding: <id>} line and a line that parses but
 * that sshd will not use; the audit must report that id. (AuthorizedKeysSshdTest checks all three
 * directories against a real sshd.)
 */
class RegressionLinesTest {

    static Stream<Path> files(String kind) throws IOException, URISyntaxException {
        Path dir = Path.of(RegressionLinesTest.class.getResource(kind).toURI());
        return Files.list(dir).filter(p -> p.toString().endsWith(".keys")).sorted();
    }

    static Stream<Path> rejected() throws IOException, URISyntaxException {
        return files("rejected");
    }

    static Stream<Path> accepted() throws IOException, URISyntaxException {
        return files("accepted");
    }

    static Stream<Path> denied() throws IOException, URISyntaxException {
        return files("denied");
    }

    /** Lines that parse but that sshd will not use: the audit must say why. */
    @ParameterizedTest
    @MethodSource("denied")
    void parsesButTheAuditSaysSshdDeniesIt(Path file) throws IOException {
        String text = Files.readString(file);
        String expected = text.substring("# expect-finding: ".length(), text.indexOf('\n'));
        AuthorizedKeys keys = AuthorizedKeys.read(file);
        assertThat(keys.render()).isEqualTo(text);
        assertThat(keys.audit(AuthorizedKeysPolicy.DEFAULT)).extracting(Finding::id, Finding::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(expected, file + ":2"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void isAcceptedAndRendersUnchanged(Path file) throws IOException {
        AuthorizedKeys keys = AuthorizedKeys.read(file);
        assertThat(AuthorizedKeys.tryParse(Files.readString(file))).contains(keys);
        assertThat(AuthorizedKey.tryParse(Files.readString(file).strip())).isPresent();
        assertThat(keys.keys()).hasSize(1);
        assertThat(keys.render()).isEqualTo(Files.readString(file));
        assertThat(keys.audit(AuthorizedKeysPolicy.DEFAULT)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void isRejectedWithTheExpectedReason(Path file) throws IOException {
        String text = Files.readString(file);
        String expected = text.substring("# expect: ".length(), text.indexOf('\n'));
        assertThatThrownBy(() -> AuthorizedKeys.read(file))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> {
                    ParseException pe = (ParseException) e;
                    assertThat(pe.position().line()).isEqualTo(2);
                    assertThat(pe.getMessage()).startsWith(file + ":2:")
                            .contains(": " + expected);
                });
        assertThat(AuthorizedKeys.tryParse(text)).isEmpty();
        assertThat(AuthorizedKey.tryParse(text.substring(text.indexOf('\n') + 1).strip())).isEmpty();
        ParseResult<AuthorizedKeys> lenient = AuthorizedKeys.readLenient(file);
        assertThat(lenient.value().render()).isEqualTo(text);
        assertThat(lenient.value().audit(AuthorizedKeysPolicy.DEFAULT)).extracting(Finding::id, Finding::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ssh.authorized-keys.malformed-line", file + ":2"));
    }
}
