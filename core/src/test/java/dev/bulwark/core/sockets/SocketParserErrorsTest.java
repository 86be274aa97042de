package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import java.io.StringReader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SocketParserErrorsTest {

    private static final String HEADER = "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n";
    private static final String GOOD = "tcp   LISTEN 0      128          0.0.0.0:22       0.0.0.0:*    "
            + "users:((\"sshd\",pid=812,fd=3))\n";

    @Test
    void strictModeNamesSourceLineColumnAndText() {
        String text = HEADER + GOOD + "tcp   LISTEN x1     128          0.0.0.0:22       0.0.0.0:*\n";
        assertThatThrownBy(() -> SocketTable.parse(text, "ss.txt"))
                .isInstanceOf(ParseException.class)
                .hasMessage("ss.txt:3:14: Recv-Q 'x1' is not a number in "
                        + "'tcp   LISTEN x1     128          0.0.0.0:22       0.0.0.0:*'")
                .satisfies(e -> {
                    ParseException p = (ParseException) e;
                    assertThat(p.position()).isEqualTo(new Position("ss.txt", 3, 14));
                    assertThat(p.offendingText()).hasValue("tcp   LISTEN x1     128          0.0.0.0:22       0.0.0.0:*");
                });
    }

    @Test
    void reportsATruncatedLine() {
        assertThatThrownBy(() -> SocketTable.parse("tcp LISTEN 0 128 0.0.0.0:22"))
                .hasMessage("<string>:1:28: line ends where the peer address was expected in 'tcp LISTEN 0 128 0.0.0.0:22'");
    }

    @Test
    void reportsABadEndpoint() {
        assertThatThrownBy(() -> SocketTable.parse("tcp LISTEN 0 128 0.0.0.0:99999 0.0.0.0:*"))
                .hasMessage("<string>:1:26: port '99999' is not a number in 0..65535"
                        + " in 'tcp LISTEN 0 128 0.0.0.0:99999 0.0.0.0:*'");
        assertThatThrownBy(() -> SocketTable.parse("tcp LISTEN 0 128 [::1:22 0.0.0.0:*"))
                .hasMessageStartingWith("<string>:1:25: endpoint '[::1:22' has no closing ']'");
    }

    @Test
    void reportsAnUnterminatedProcessList() {
        assertThatThrownBy(() -> SocketTable.parse("tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:((\"sshd\",pid=812"))
                .hasMessageStartingWith("<string>:1:39: unterminated process entry in users:(...)");
    }

    @Test
    void reportsAnInfoLineWithoutSocket() {
        assertThatThrownBy(() -> SocketTable.parse(HEADER + "\t bbr cwnd:10\n"))
                .hasMessage("<string>:2:1: an indented info line with no socket line above it in '\\t bbr cwnd:10'");
    }

    @Test
    void lenientModeSkipsBadLinesAndTheirInfoLinesAndGoesOn() {
        String text = HEADER + GOOD + "garbage here\n\t info of garbage\n" + GOOD.replace("812", "813");
        ParseResult<SocketTable> result = SocketTable.parseLenient(text);
        assertThat(result.value().sockets()).extracting(s -> s.processes().get(0).pid()).containsExactly(812L, 813L);
        assertThat(result.value().sockets()).allSatisfy(s -> assertThat(s.info()).isEmpty());
        assertThat(result.diagnostics()).hasSize(1);
        assertThat(result.diagnostics().get(0).getMessage())
                .isEqualTo("<string>:3:9: State 'here' is not an upper-case word in 'garbage here'");
    }

    @Test
    void tryParseIsEmptyOnBadInputAndPresentOnGoodInput() {
        assertThat(SocketTable.tryParse(HEADER + "nonsense\n")).isEmpty();
        assertThat(SocketTable.tryParse(HEADER + GOOD)).hasValueSatisfying(t -> assertThat(t.sockets()).hasSize(1));
    }

    @Test
    void keepsUnknownNetidAndStateWords() {
        SocketEntry entry = SocketTable.parse("vsock NEW-STATE 0 0 3:1024 2:*").sockets().get(0);
        assertThat(entry.netid()).isEqualTo(Netid.OTHER);
        assertThat(entry.netidName()).isEqualTo("vsock");
        assertThat(entry.state()).isEqualTo(SocketState.UNKNOWN);
        assertThat(entry.stateName()).isEqualTo("NEW-STATE");
    }

    @Test
    void readsPacketSocketsOfAllProtocolsAndNetlinkPeers() {
        SocketTable table = SocketTable.parse("p_raw UNCONN 0 0 *:eth0 *\nnl UNCONN 0 0 rtnl:kernel *\n");
        SocketEntry packet = table.sockets().get(0);
        assertThat(packet.local().address()).isEqualTo("*");
        assertThat(packet.local().portText()).isEqualTo("eth0");
        assertThat(packet.local().isIp()).isFalse();
        assertThat(packet.local().port()).isZero();
        assertThat(table.sockets().get(1).peer().isIp()).isFalse();
        assertThat(table.render()).contains("p_raw UNCONN 0      0      *:eth0             *");
    }

    @Test
    void readsOldUnbracketedIpv6AndOldProcessForm() {
        SocketEntry entry = SocketTable.parse("tcp LISTEN 0 128 :::22 :::* users:((\"sshd\",812,3))").sockets().get(0);
        assertThat(entry.local().address()).isEqualTo("::");
        assertThat(entry.local().port()).isEqualTo(22);
        assertThat(entry.processes()).containsExactly(new SocketProcess("sshd", 812, 3));
    }

    @Test
    void readsProcessNamesWithSpacesQuotesCommasAndParentheses() {
        String line = "tcp LISTEN 0 1 127.0.0.1:80 0.0.0.0:* "
                + "users:((\"a \"b\",pid=1 (c)\",pid=2,fd=3),(\"x,y)\",pid=4,fd=5))";
        assertThat(SocketTable.parse(line).sockets().get(0).processes()).containsExactly(
                new SocketProcess("a \"b\",pid=1 (c)", 2, 3), new SocketProcess("x,y)", 4, 5));
    }

    @Test
    void streamsLazilyAndClosesTheReader() {
        String text = HEADER + GOOD + GOOD + "bad line\n";
        try (Stream<SocketEntry> stream = SocketTable.stream(new StringReader(text))) {
            assertThat(stream.limit(2).collect(Collectors.toList())).hasSize(2);
        }
        try (SocketParser parser = SocketParser.strict(new StringReader(text), "big.txt")) {
            parser.next();
            parser.next();
            assertThatThrownBy(parser::hasNext).hasMessageStartingWith("big.txt:4:5: State 'line' ");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
