package dev.bulwark.ssh.authorized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Command;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Environment;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.ExpiryTime;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.From;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.PermitListen;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.PermitOpen;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Principals;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Tunnel;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Unknown;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizedKeyOptionsTest {

    @Test
    void parsesEveryOptionKind() {
        AuthorizedKeyOptions opts = AuthorizedKeyOptions.parse("restrict,pty,No-Agent-Forwarding,cert-authority,"
                + "command=\"echo \\\"hi there\\\"\",environment=\"LANG=C.UTF-8\",expiry-time=\"20301231Z\","
                + "from=\"10.0.0.0/8,!10.1.*\",permitopen=\"[::1]:80\",permitlisten=\"8080\",principals=\"a,b\","
                + "tunnel=\"0\",no-X11-forwarding,verify-required,no-touch-required");
        assertThat(opts.asList()).containsExactly(KeyFlag.RESTRICT, KeyFlag.PTY, KeyFlag.NO_AGENT_FORWARDING,
                KeyFlag.CERT_AUTHORITY, new Command("echo \"hi there\""), new Environment("LANG", "C.UTF-8"),
                new ExpiryTime("20301231Z"), new From(List.of("10.0.0.0/8", "!10.1.*")),
                new PermitOpen("[::1]:80"), new PermitListen("8080"), new Principals(List.of("a", "b")),
                new Tunnel("0"), KeyFlag.NO_X11_FORWARDING, KeyFlag.VERIFY_REQUIRED, KeyFlag.NO_TOUCH_REQUIRED);
        assertThat(opts.command()).contains("echo \"hi there\"");
        assertThat(opts.from()).containsExactly("10.0.0.0/8", "!10.1.*");
        assertThat(opts.principals()).contains(List.of("a", "b"));
    }

    @Test
    void keepsBackslashesThatDoNotEscapeAQuote() {
        AuthorizedKeyOptions opts = AuthorizedKeyOptions.parse("command=\"printf 'a\\tb\\\\\\\"'\"");
        assertThat(opts.command()).contains("printf 'a\\tb\\\\\"'");
        assertThat(AuthorizedKeyOptions.parse(opts.render())).isEqualTo(opts);
    }

    @Test
    void keepsOptionsSshdDoesNotKnow() {
        AuthorizedKeyOptions opts = AuthorizedKeyOptions.parse("no-pty,colour=\"red, blue\",frobnicate");
        assertThat(opts.unknown()).containsExactly(new Unknown("colour=\"red, blue\""), new Unknown("frobnicate"));
        assertThat(opts.render()).isEqualTo("no-pty,colour=\"red, blue\",frobnicate");
    }

    @Test
    void rejectsAnUnterminatedQuoteWithItsColumn() {
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("no-pty,command=\"ls"))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:16: missing end quote for command value in 'no-pty,command=\"ls'");
    }

    @Test
    void rejectsAnUnquotedValue() {
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("from=10.0.0.1"))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:6: missing start quote for from value in 'from=10.0.0.1'");
    }

    @Test
    void skipsEmptyOptionsAsSshdDoes() {
        assertThat(AuthorizedKeyOptions.parse(",no-pty,,restrict,").asList()).containsExactly(KeyFlag.NO_PTY, KeyFlag.RESTRICT);
        assertThat(AuthorizedKeyOptions.parse(",").isEmpty()).isTrue();
    }

    @Test
    void rejectsInvalidValuesAsSshdDoes() {
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("permitopen=\"host\""))
                .hasMessage("<string>:1:12: permitopen 'host' has no port (use host:port) in 'permitopen=\"host\"'");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("environment=\"1-A=b\""))
                .hasMessage("<string>:1:13: environment name '1-A' must be letters, digits and '_' only"
                        + " in 'environment=\"1-A=b\"'");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("expiry-time=\"tomorrow\""))
                .hasMessageContaining("expiry-time 'tomorrow' is not YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("command=\"a\",command=\"b\""))
                .hasMessageContaining("multiple \"command\" options: sshd refuses such a line");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("from=\"10.0.0.1\",restrict,FROM=\"192.168.0.1\""))
                .hasMessage("<string>:1:1: multiple \"from\" options: sshd refuses such a line"
                        + " in 'from=\"10.0.0.1\",restrict,FROM=\"192.168.0.1\"'");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("permitopen=\"host:22x\""))
                .hasMessageContaining("permitopen 'host:22x' has an invalid port (1-65535, * or a service name)");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("permitopen=\"host:65536\"")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("permitlisten=\"localhost/22\"")).isInstanceOf(ParseException.class);
    }

    @Test
    void readsPermitOpenPortsAndTunnelsAsSshdsA2portAndStrtonumDo() {
        for (String ok : List.of("localhost:ssh", "db/5432", "[::1]/22", ":22", "host:0022", "host: 22", "h:+22",
                "h:https", "h:*")) {
            assertThat(AuthorizedKeyOptions.parse("permitopen=\"" + ok + "\"").asList()).as(ok)
                    .containsExactly(new PermitOpen(ok));
        }
        assertThat(new PermitListen("+0080").render()).isEqualTo("permitlisten=\"+0080\"");
        assertThat(AuthorizedKeyOptions.parse("tunnel=\"007\",tunnel=\"2147483645\"").asList()).hasSize(2);
        assertThatThrownBy(() -> new Tunnel("2147483646")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Tunnel("-1")).isInstanceOf(ValidationException.class);
    }

    @Test
    void withReplacesTheOneFromOptionSshdAllows() {
        AuthorizedKeyOptions narrowed = AuthorizedKeyOptions.of(new From(List.of("10.0.0.0/8")))
                .with(new From(List.of("10.1.0.0/16")));
        assertThat(narrowed.render()).isEqualTo("from=\"10.1.0.0/16\"");
        assertThat(narrowed.from()).containsExactly("10.1.0.0/16");
        assertThatThrownBy(() -> AuthorizedKeyOptions.of(new From(List.of("a")), new From(List.of("b"))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("multiple \"from\" options: sshd refuses such a line");
    }

    @Test
    void rendersQuotesEscapedSoTheyNeverEndTheValue() {
        Command hostile = new Command("true\" ssh-ed25519 AAAA attacker");
        assertThat(hostile.render()).isEqualTo("command=\"true\\\" ssh-ed25519 AAAA attacker\"");
        assertThat(AuthorizedKeyOptions.parse(hostile.render()).asList()).containsExactly(hostile);
    }

    @Test
    void refusesValuesThatCouldInjectALineOrEscapeTheClosingQuote() {
        assertThatThrownBy(() -> new Command("ls\nssh-ed25519 AAAA evil"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("command value holds a line break or NUL, which would end the line");
        assertThatThrownBy(() -> new Command("ls \\"))
                .hasMessage("command value ends in a backslash, which would escape the closing quote");
        assertThatThrownBy(() -> new From(List.of("10.0.0.1,10.0.0.2")))
                .hasMessage("from entry '10.0.0.1,10.0.0.2' is empty or holds a comma");
        From quoted = new From(List.of("10.0.0.1\" command=\"sh"));
        assertThat(quoted.render()).isEqualTo("from=\"10.0.0.1\\\" command=\\\"sh\"");
        assertThat(AuthorizedKeyOptions.parse(quoted.render()).asList()).containsExactly(quoted);
        assertThatThrownBy(() -> new Unknown("x y"))
                .hasMessage("option text 'x y' holds an unquoted comma or space");
    }

    @Test
    void acceptsWhatSshdAcceptsInsideLists() {
        assertThat(AuthorizedKeyOptions.parse("from=\"10.0.0.1, 10.0.0.2\"").from()).containsExactly("10.0.0.1", " 10.0.0.2");
        assertThatThrownBy(() -> AuthorizedKeyOptions.parse("principals=\"a,,b\""))
                .hasMessage("<string>:1:12: principals entry '' is empty or holds a comma in 'principals=\"a,,b\"'");
    }

    @Test
    void editsReturnCopies() {
        AuthorizedKeyOptions base = AuthorizedKeyOptions.of(KeyFlag.RESTRICT, new Command("a"));
        AuthorizedKeyOptions edited = base.with(new Command("b")).with(KeyFlag.RESTRICT).with(new From(List.of("10.*")));
        assertThat(base.render()).isEqualTo("restrict,command=\"a\"");
        assertThat(edited.render()).isEqualTo("restrict,command=\"b\",from=\"10.*\"");
        assertThat(edited.without("FROM").render()).isEqualTo("restrict,command=\"b\"");
    }
}
