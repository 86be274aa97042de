package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseResult;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnparsedLinesTest {

    private static final String HEADER = "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n";
    private static final String GOOD = "tcp   LISTEN 0      128          0.0.0.0:22       0.0.0.0:*\n";

    @Test
    void lenientParseKeepsEveryBadLineAndItsInfoLinesVerbatim() {
        String text = "\t orphan info\n" + HEADER + GOOD + "garbage here\n\t info of garbage\n" + GOOD
                + "tcp LISTEN 0 128 0.0.0.0:99999 0.0.0.0:*\n";
        ParseResult<SocketTable> result = SocketTable.parseLenient(text);
        assertThat(result.value().sockets()).hasSize(2);
        assertThat(result.value().unparsed()).containsExactly(
                new UnparsedLine(1, "\t orphan info", "an indented info line with no socket line above it"),
                new UnparsedLine(4, "garbage here", "State 'here' is not an upper-case word"),
                new UnparsedLine(5, "\t info of garbage", "an info line of the socket line 4, which could not be parsed"),
                new UnparsedLine(7, "tcp LISTEN 0 128 0.0.0.0:99999 0.0.0.0:*", "port '99999' is not a number in 0..65535"));
        assertThat(result.diagnostics()).hasSize(3);
    }

    @Test
    void keepsUnparsedLinesBeyondTheDiagnosticsBound() {
        int bad = ParseResult.MAX_DIAGNOSTICS + 5;
        String text = HEADER + "nonsense\n".repeat(bad) + GOOD;
        ParseResult<SocketTable> result = SocketTable.parseLenient(text);
        assertThat(result.diagnostics()).hasSize(ParseResult.MAX_DIAGNOSTICS);
        assertThat(result.value().unparsed()).hasSize(bad);
        assertThat(result.value().unparsed().get(bad - 1)).isEqualTo(
                new UnparsedLine(bad + 1, "nonsense", "line ends where a State word was expected"));
        assertThat(result.value().sockets()).hasSize(1);
    }

    @Test
    void streamingLenientParserHandsSkippedLinesToTheConsumer() throws Exception {
        List<UnparsedLine> seen = new ArrayList<>();
        try (SocketParser parser = SocketParser.lenient(new StringReader(HEADER + "bad line\n" + GOOD), "s.txt",
                seen::add)) {
            assertThat(parser.next().local().port()).isEqualTo(22);
            assertThat(parser.hasNext()).isFalse();
            assertThat(parser.errorCount()).isEqualTo(1);
        }
        assertThat(seen).containsExactly(new UnparsedLine(2, "bad line", "State 'line' is not an upper-case word"));
    }

    @Test
    void strictParseHasNoUnparsedLinesAndTablesCompareThem() {
        SocketTable strict = SocketTable.parse(HEADER + GOOD);
        assertThat(strict.unparsed()).isEmpty();
        assertThat(strict).isEqualTo(new SocketTable(strict.sockets()));
        assertThat(SocketTable.parseLenient(HEADER + GOOD + "x\n").value()).isNotEqualTo(strict);
    }

    @Test
    void rejectsALineNumberBelowOne() {
        assertThatThrownBy(() -> new UnparsedLine(0, "x", "y")).hasMessage("line number 0 is below 1");
    }
}
