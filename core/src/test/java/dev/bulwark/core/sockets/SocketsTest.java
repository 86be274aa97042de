package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseResult;
import java.io.StringReader;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SocketsTest {

    @Test
    void frontDoorLeadsToParsingStreamingAndListening() {
        String text = Captures.read("ss-tunap-debian12.txt");
        assertThat(Sockets.parse(text)).isEqualTo(SocketTable.parse(text));
        assertThat(Sockets.listening(text)).hasSize(12).allMatch(SocketEntry::isListening);
        try (var stream = Sockets.stream(new StringReader(text))) {
            assertThat(stream.count()).isEqualTo(20);
        }
        assertThat(Sockets.parseLenient(text + "junk\n").diagnostics()).hasSize(1);
    }

    @Test
    void lenientModeKeepsABoundedNumberOfDiagnosticsButCountsAll() {
        String text = "bad\n".repeat(ParseResult.MAX_DIAGNOSTICS + 5);
        SocketParser parser = SocketParser.lenient(new StringReader(text), "many.txt");
        assertThat(parser.hasNext()).isFalse();
        assertThat(parser.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS);
        assertThat(parser.errorCount()).isEqualTo(ParseResult.MAX_DIAGNOSTICS + 5);
        assertThat(parser.diagnostics().get(1).position().line()).isEqualTo(2);
    }

    @Test
    void wireNamesMapBothWays() {
        for (Netid netid : Netid.values()) {
            if (netid != Netid.OTHER) {
                assertThat(Netid.fromWireName(netid.wireName())).isEqualTo(netid);
            }
        }
        for (SocketState state : SocketState.values()) {
            assertThat(SocketState.fromWireName(state.wireName())).isEqualTo(state);
        }
        assertThat(Netid.fromWireName("quic")).isEqualTo(Netid.OTHER);
        assertThat(SocketState.TIME_WAIT).hasToString("TIME-WAIT");
        assertThat(Arrays.stream(Netid.values()).filter(Netid::isUnix).collect(Collectors.toList()))
                .containsExactly(Netid.U_STR, Netid.U_DGR, Netid.U_SEQ);
    }

    @Test
    void readsLinesEndingInCarriageReturnsAndWithoutAFinalNewline() {
        String crlf = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\r\n"
                + "tcp LISTEN 0 5 127.0.0.1:80 0.0.0.0:*\r\n\t cubic\r\ntcp LISTEN 0 5 127.0.0.1:81 0.0.0.0:*";
        SocketTable table = SocketTable.parse(crlf);
        assertThat(table.sockets()).extracting(s -> s.local().port()).containsExactly(80, 81);
        assertThat(table.sockets().get(0).info()).containsExactly("cubic");
    }

    @Test
    void readsLinesLongerThanTheReadBuffer() {
        String name = "x".repeat(200_000);
        String line = "tcp LISTEN 0 5 127.0.0.1:80 0.0.0.0:* users:((\"" + name + "\",pid=1,fd=2))\n";
        SocketTable table = SocketTable.parse(line + line.replace(":80 ", ":81 "));
        assertThat(table.sockets()).hasSize(2);
        assertThat(table.sockets().get(1).processes().get(0).name()).hasSize(200_000);
    }
}
