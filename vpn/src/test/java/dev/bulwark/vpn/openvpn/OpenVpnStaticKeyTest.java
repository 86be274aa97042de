package dev.bulwark.vpn.openvpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenVpnStaticKeyTest {

    @TempDir
    Path dir;

    @Test
    void rendersSixteenLinesOfHexBetweenTheMarkers() {
        OpenVpnStaticKey key = OpenVpnStaticKey.generate();
        String[] lines = key.render().split("\n");
        assertThat(lines).hasSize(21);
        assertThat(lines[3]).isEqualTo("-----BEGIN OpenVPN Static key V1-----");
        assertThat(lines[20]).isEqualTo("-----END OpenVPN Static key V1-----");
        for (int i = 4; i < 20; i++) {
            assertThat(lines[i]).matches("[0-9a-f]{32}");
        }
        assertThat(OpenVpnStaticKey.parse(key.render())).isEqualTo(key);
        assertThat(OpenVpnStaticKey.generate()).isNotEqualTo(key);
    }

    @Test
    void writesOwnerOnlyAndReadsBack() throws Exception {
        OpenVpnStaticKey key = OpenVpnStaticKey.generate();
        Path file = dir.resolve("tc.key");
        key.write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(OpenVpnStaticKey.read(file)).isEqualTo(key);
    }

    @Test
    void neverShowsTheKey() {
        OpenVpnStaticKey key = OpenVpnStaticKey.generate();
        assertThat(key.toString()).isEqualTo("OpenVpnStaticKey[redacted]");
        String text = key.render().replaceFirst("(?m)^([0-9a-f]{31})[0-9a-f]$", "$1z");
        assertThatThrownBy(() -> OpenVpnStaticKey.parse(text, "tc.key")).isInstanceOf(ParseException.class)
                .hasMessage("tc.key:5:32: not a hex digit in the static key");
    }

    @Test
    void tlsCryptV2KeysRoundTripAndStaySecret() {
        OpenVpnTlsCryptV2Key key = OpenVpnTlsCryptV2Key.generate();
        assertThat(OpenVpnTlsCryptV2Key.parse(key.render(), "v2.key")).isEqualTo(key);
        assertThat(key.toString()).isEqualTo("OpenVpnTlsCryptV2Key[redacted]");
        OpenVpnTlsCryptV2Key.ClientKey client = key.newClientKey(java.time.Instant.EPOCH, new java.security.SecureRandom());
        assertThat(client.toString()).isEqualTo("OpenVpnTlsCryptV2Key.ClientKey[redacted]");
        // Kc (256 bytes) + tag (32) + encrypted Kc and metadata (265) + length (2) = 555 bytes
        String body = client.render().replaceAll("-----(BEGIN|END) [^\\n]*-----|\\s", "");
        assertThat(java.util.Base64.getDecoder().decode(body)).hasSize(555);
        assertThatThrownBy(() -> OpenVpnTlsCryptV2Key.parse(key.render().replace("server", "client"), "v2.key"))
                .hasMessage("v2.key:1:1: no '-----BEGIN OpenVPN tls-crypt-v2 server key-----' ... "
                        + "'-----END OpenVPN tls-crypt-v2 server key-----' block");
        assertThatThrownBy(() -> OpenVpnTlsCryptV2Key.parse(client.render().replace("client", "server"), "v2.key"))
                .hasMessage("v2.key:1:1: a tls-crypt-v2 server key has 128 bytes, not 555");
    }

    @Test
    void parseAndTryParseAgree() {
        OpenVpnStaticKey key = OpenVpnStaticKey.generate();
        assertThat(OpenVpnStaticKey.tryParse(key.render())).contains(OpenVpnStaticKey.parse(key.render()));
        assertThat(OpenVpnStaticKey.tryParse("hello\n")).isEmpty();
        assertThatThrownBy(() -> OpenVpnStaticKey.parse("hello\n")).isInstanceOf(ParseException.class);
        OpenVpnTlsCryptV2Key v2 = OpenVpnTlsCryptV2Key.generate();
        assertThat(OpenVpnTlsCryptV2Key.tryParse(v2.render())).contains(OpenVpnTlsCryptV2Key.parse(v2.render()));
        assertThat(OpenVpnTlsCryptV2Key.tryParse(key.render())).isEmpty();
        assertThatThrownBy(() -> OpenVpnTlsCryptV2Key.parse(key.render()))
                .hasMessage("<string>:1:1: no '-----BEGIN OpenVPN tls-crypt-v2 server key-----' ... "
                        + "'-----END OpenVPN tls-crypt-v2 server key-----' block");
    }

    @Test
    void rejectsMalformedKeysWithThePosition() {
        String body = OpenVpnStaticKey.generate().render();
        assertThatThrownBy(() -> OpenVpnStaticKey.parse("hello\n", "k")).hasMessage("k:1:1: expected '-----BEGIN OpenVPN Static key V1-----'");
        assertThatThrownBy(() -> OpenVpnStaticKey.parse("", "k")).hasMessage("k:1:1: no '-----BEGIN OpenVPN Static key V1-----' line");
        assertThatThrownBy(() -> OpenVpnStaticKey.parse(body.replace("-----END OpenVPN Static key V1-----\n", ""), "k"))
                .hasMessage("k:21:1: no '-----END OpenVPN Static key V1-----' line");
        String shortKey = body.replaceFirst("(?m)^[0-9a-f]{32}\n", "");
        assertThatThrownBy(() -> OpenVpnStaticKey.parse(shortKey, "k")).hasMessage("k:4:1: the static key has 1920 bits, not 2048");
        assertThatThrownBy(() -> OpenVpnStaticKey.parse(body + "trailing\n", "k"))
                .hasMessage("k:22:1: text after '-----END OpenVPN Static key V1-----'");
    }
}
