package dev.bulwark.vpn.openvpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static keys from openvpn --genkey are read by Bulwark; Bulwark's pass openvpn's crypto self-test; tls-crypt-v2 server keys both ways. */
@RequiresTool("openvpn")
class OpenVpnStaticKeyInteropTest {

    @TempDir
    Path dir;

    @Test
    void readsKeysFromOpenvpnGenkey() throws Exception {
        Path file = dir.resolve("generated.key");
        assertThat(openvpn("--genkey", "secret", file.toString())).contains("exit 0");
        OpenVpnStaticKey key = OpenVpnStaticKey.read(file);
        assertThat(key.render()).isEqualTo(Files.readString(file));
    }

    @Test
    void openvpnAcceptsBulwarkKeys() throws Exception {
        Path file = dir.resolve("bulwark.key");
        OpenVpnStaticKey.generate().write(file);
        String out = openvpn("--test-crypto", "--secret", file.toString(), "--cipher", "AES-256-CBC", "--verb", "3");
        assertThat(out).contains("OpenVPN crypto self-test mode SUCCEEDED.").contains("exit 0");
        Files.writeString(file, "-----BEGIN OpenVPN Static key V1-----\n00\n-----END OpenVPN Static key V1-----\n");
        assertThat(openvpn("--test-crypto", "--secret", file.toString(), "--cipher", "AES-256-CBC"))
                .contains("Insufficient key material").doesNotContain("exit 0");
    }

    @Test
    void tlsCryptV2ServerKeysGoBothWays() throws Exception {
        Path theirs = dir.resolve("theirs-v2.key");
        assertThat(openvpn("--genkey", "tls-crypt-v2-server", theirs.toString())).contains("exit 0");
        OpenVpnTlsCryptV2Key parsed = OpenVpnTlsCryptV2Key.parse(Files.readString(theirs), "theirs-v2.key");
        assertThat(parsed.render()).isEqualTo(Files.readString(theirs));
        Path ours = dir.resolve("ours-v2.key");
        Files.writeString(ours, OpenVpnTlsCryptV2Key.generate().render());
        Path client = dir.resolve("client-v2.key");
        assertThat(openvpn("--tls-crypt-v2", ours.toString(), "--genkey", "tls-crypt-v2-client", client.toString()))
                .contains("exit 0");
        assertThat(Files.readString(client)).startsWith("-----BEGIN OpenVPN tls-crypt-v2 client key-----");
    }

    private static String openvpn(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.path("openvpn")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out + "\nexit " + p.exitValue();
    }
}
