package dev.bulwark.ssh.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireReaderTest {

    @Test
    void readsANestedSectionInPlaceWithoutCopyingIt() {
        // A KRL's sections nest two deep; copying each level copied the input once more per level (issue 15).
        byte[] inner = new WireWriter().writeUtf8("id1").writeUtf8("id2").toByteArray();
        byte[] data = new WireWriter().writeByte(7).writeString(inner).writeByte(9).toByteArray();
        WireReader outer = new WireReader(data);
        assertThat(outer.readByte("type")).isEqualTo(7);
        WireReader nested = outer.readNested("section");
        assertThat(nested.position()).isEqualTo(5); // an offset into the same array: 1 type byte and a 4-byte length
        assertThat(nested.remaining()).isEqualTo(inner.length);
        assertThat(nested.readUtf8("key id")).isEqualTo("id1");
        assertThat(nested.readUtf8("key id")).isEqualTo("id2");
        assertThat(nested.atEnd()).isTrue();
        assertThat(outer.readByte("type")).isEqualTo(9);
        assertThat(outer.atEnd()).isTrue();
    }

    @Test
    void aNestedSectionEndsWhereItsLengthSays() {
        byte[] data = new WireWriter().writeString(new byte[] {0, 0, 0, 9}).toByteArray();
        WireReader nested = new WireReader(data).readNested("section");
        assertThatThrownBy(() -> nested.readString("field")).isInstanceOf(WireException.class)
                .hasMessage("truncated data reading field");
        assertThatThrownBy(() -> new WireReader(new byte[] {0, 0, 0, 5, 1}).readNested("section"))
                .isInstanceOf(WireException.class).hasMessage("truncated data reading section");
    }

    @Test
    void decodesUtf8StrictlyWhereItStands() {
        byte[] data = new WireWriter().writeUtf8("ascii").writeUtf8("grüße").writeString(new byte[] {(byte) 0xc3})
                .toByteArray();
        WireReader r = new WireReader(data);
        assertThat(r.readUtf8("a")).isEqualTo("ascii");
        assertThat(r.readUtf8("b")).isEqualTo("grüße");
        assertThatThrownBy(() -> r.readUtf8("comment")).isInstanceOf(WireException.class)
                .hasMessage("comment is not valid UTF-8");
        assertThat("grüße".getBytes(StandardCharsets.UTF_8)).hasSize(7);
    }
}
