package dev.bulwark.core.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnixColumnsTest {

    private static SocketEntry parse(String line) {
        return SocketTable.parse("Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n" + line)
                .sockets().get(0);
    }

    @Test
    void keepsADigitWordInsideTheLocalPath() {
        SocketEntry entry = parse("u_str LISTEN 0 4 /tmp/my 2 sock 46873 * 0 users:((\"app\",pid=7,fd=3))");
        assertThat(entry.local().address()).isEqualTo("/tmp/my 2 sock");
        assertThat(entry.local().portText()).isEqualTo("46873");
        assertThat(entry.peer().address()).isEqualTo("*");
        assertThat(entry.peer().portText()).isEqualTo("0");
        assertThat(entry.processes()).containsExactly(new SocketProcess("app", 7, 3));
        assertThat(entry.info()).isEmpty();
    }

    @Test
    void keepsADigitWordInsideThePeerPath() {
        SocketEntry entry = parse("u_str ESTAB 0 0 * 46874 /run/app 12 x.sock 46875");
        assertThat(entry.local().address()).isEqualTo("*");
        assertThat(entry.local().portText()).isEqualTo("46874");
        assertThat(entry.peer().address()).isEqualTo("/run/app 12 x.sock");
        assertThat(entry.peer().portText()).isEqualTo("46875");
    }

    @Test
    void splitsTwoPathsWithDigitWordsWhereTheSecondPathBegins() {
        SocketEntry entry = parse("u_str ESTAB 0 0 /run/a 1 b 10 /run/c 2 d 20 ino:10 <->");
        assertThat(entry.local().address()).isEqualTo("/run/a 1 b");
        assertThat(entry.local().portText()).isEqualTo("10");
        assertThat(entry.peer().address()).isEqualTo("/run/c 2 d");
        assertThat(entry.peer().portText()).isEqualTo("20");
        assertThat(entry.extension("ino")).hasValue("10");
        assertThat(entry.extension(SocketEntry.SHUTDOWN)).hasValue("<->");
    }

    @Test
    void keepsBareWordsAfterThePeerInodeAsInfo() {
        SocketEntry entry = parse("u_str ESTAB 0 0 * 1141 * 1142 some info");
        assertThat(entry.local().portText()).isEqualTo("1141");
        assertThat(entry.peer().portText()).isEqualTo("1142");
        assertThat(entry.info()).containsExactly("some info");
    }

    @Test
    void rendersAndParsesBackPathsWithDigitWords() {
        SocketTable table = SocketTable.parse("u_str LISTEN 0 4 /tmp/my 2 sock 46873 * 0\n"
                + "u_str ESTAB 0 0 * 46874 /tmp/my 2 sock 46875\n");
        assertThat(SocketTable.parse(table.render())).isEqualTo(table);
    }

    @Test
    void namesTheMissingColumnOfAShortUnixLine() {
        assertThatThrownBy(() -> SocketTable.parse("u_str ESTAB 0 0"))
                .hasMessage("<string>:1:16: line ends where the local Unix address was expected in 'u_str ESTAB 0 0'");
        assertThatThrownBy(() -> SocketTable.parse("u_str ESTAB 0 0 /run/x"))
                .hasMessage("<string>:1:23: line ends where the local inode was expected in 'u_str ESTAB 0 0 /run/x'");
        assertThatThrownBy(() -> SocketTable.parse("u_str ESTAB 0 0 /run/x 5"))
                .hasMessage("<string>:1:25: line ends where the peer Unix address was expected in 'u_str ESTAB 0 0 /run/x 5'");
        assertThatThrownBy(() -> SocketTable.parse("u_str ESTAB 0 0 /run/x 5 *"))
                .hasMessage("<string>:1:27: line ends where the peer inode was expected in 'u_str ESTAB 0 0 /run/x 5 *'");
    }
}
