package dev.bulwark.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import java.nio.file.attribute.PosixFilePermissions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FileModeTest {

    @Test
    void constantsHaveTheirOctalBits() {
        assertThat(FileMode.SECRET).hasToString("0600");
        assertThat(FileMode.PRIVATE_DIRECTORY).hasToString("0700");
        assertThat(FileMode.PUBLIC).hasToString("0644");
        assertThat(FileMode.EXECUTABLE).hasToString("0755");
        assertThat(FileMode.PUBLIC_DIRECTORY.bits()).isEqualTo(0755);
    }

    @Test
    void convertsToPosixPermissions() {
        assertThat(PosixFilePermissions.toString(FileMode.of(0640).toPermissions())).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(FileMode.SECRET.toPermissions())).isEqualTo("rw-------");
        assertThat(FileMode.of(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo(FileMode.of(0751));
    }

    @Test
    void ownerOnlyMeansNoGroupOrOtherBits() {
        assertThat(FileMode.SECRET.isOwnerOnly()).isTrue();
        assertThat(FileMode.of(0400).isOwnerOnly()).isTrue();
        assertThat(FileMode.of(0640).isOwnerOnly()).isFalse();
        assertThat(FileMode.of(0601).isOwnerOnly()).isFalse();
    }

    @Test
    void parsesThreeOrFourOctalDigits() {
        assertThat(FileMode.parse("0640")).isEqualTo(FileMode.of(0640));
        assertThat(FileMode.parse("755")).isEqualTo(FileMode.EXECUTABLE);
        assertThat(FileMode.tryParse("0x1")).isEmpty();
    }

    @Test
    void rejectsBadModesWithPositionedMessages() {
        assertThatThrownBy(() -> FileMode.parse("0648"))
                .isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:4: '8' is not an octal digit in file mode in '0648'");
        assertThatThrownBy(() -> FileMode.parse("4755"))
                .hasMessage("<string>:1:1: a file mode is three octal digits with an optional leading 0,"
                        + " such as 0640 in '4755'");
        assertThatThrownBy(() -> FileMode.of(04755))
                .hasMessage("file mode 4755 is not within 0000..0777 (only permission bits are supported)");
    }

    @Property
    void parseInvertsToString(@ForAll @IntRange(min = 0, max = 0777) int bits) {
        FileMode mode = FileMode.of(bits);
        assertThat(FileMode.parse(mode.toString())).isEqualTo(mode);
        assertThat(FileMode.of(mode.toPermissions())).isEqualTo(mode);
    }

    @Property
    void arbitraryTextParsesOrThrowsParseException(@ForAll String text) {
        try {
            assertThat(FileMode.parse(text).bits()).isBetween(0, 0777);
        } catch (ParseException expected) {
            assertThat(FileMode.tryParse(text)).isEmpty();
        }
    }
}
