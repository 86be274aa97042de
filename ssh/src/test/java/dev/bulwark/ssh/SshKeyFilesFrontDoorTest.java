package dev.bulwark.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Ssh.authorizedKeys} and {@code Ssh.knownHosts}: missing files are empty, present ones parsed strictly. */
class SshKeyFilesFrontDoorTest {

    @Test
    void aMissingFileIsEmptyAndAWrittenOneReadsBack(@TempDir Path home) throws IOException {
        Path file = home.resolve(".ssh/authorized_keys");
        assertThat(Ssh.authorizedKeys(file)).isEqualTo(AuthorizedKeys.empty());
        SshPublicKey key = SshKeyPair.generate(SshKeyType.ED25519).publicKey();
        Ssh.authorizedKeys(file).withKey(key).write(file);
        assertThat(Ssh.authorizedKeys(file).find(key)).isPresent();
        assertThat(Ssh.knownHosts(home.resolve(".ssh/known_hosts")).entries()).isEmpty();
    }

    @Test
    void aBrokenFileFailsWithItsPosition(@TempDir Path home) throws IOException {
        Path file = home.resolve("known_hosts");
        Files.writeString(file, "# fine\nweb1\n");
        assertThatThrownBy(() -> Ssh.knownHosts(file)).isInstanceOf(ParseException.class)
                .hasMessage(file + ":2:5: missing key after host names");
    }
}
