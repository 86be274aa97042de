package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The process-group marker line that the remote shell writes first on stderr. */
class RemoteCommandsTest {

    private static final String MARKER = "bulwark-pgid-0123456789abcdef";

    @Test
    void readsTheGroupOnceTheWholeMarkerLineHasArrived() {
        assertThat(RemoteCommands.processGroup(MARKER + " 4711\nwarning: x\n", MARKER)).hasValue(4711);
        assertThat(RemoteCommands.processGroup("motd from .bashrc\n" + MARKER + " 42\n", MARKER)).hasValue(42);
        assertThat(RemoteCommands.processGroup(MARKER + " 47", MARKER)).isEqualTo(OptionalLong.empty());
        assertThat(RemoteCommands.processGroup("", MARKER)).isEqualTo(OptionalLong.empty());
        assertThat(RemoteCommands.processGroup(MARKER + " 12x\n", MARKER)).isEqualTo(OptionalLong.empty());
        assertThat(RemoteCommands.processGroup("bulwark-pgid-ffffffffffffffff 9\n", MARKER)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void stderrLosesOnlyTheMarkerLine() {
        assertThat(RemoteCommands.withoutMarker(MARKER + " 4711\none\ntwo", MARKER)).isEqualTo("one\ntwo");
        assertThat(RemoteCommands.withoutMarker("rc says hi\n" + MARKER + " 4711\nerr\n", MARKER))
                .isEqualTo("rc says hi\nerr\n");
        assertThat(RemoteCommands.withoutMarker("no marker at all\n", MARKER)).isEqualTo("no marker at all\n");
        assertThat(RemoteCommands.withoutMarker(MARKER + " 4711\n", MARKER)).isEmpty();
    }
}
