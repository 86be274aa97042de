package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.key.SshKeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-checks that keep a session able to log in, on configurations parsed from text. */
class LockoutChecksTest {

    static final ClientAlgorithms CLIENT = SshConnector.create().algorithms();
    static final LockoutChecks ALICE = new LockoutChecks(
            ConnectionSpec.of("alice", "203.0.113.9", "203.0.113.9").withGroups("alice", "staff").withLocal("192.0.2.1", 22),
            List.of("ssh-ed25519"), CLIENT);

    static List<String> problems(String config) {
        return ALICE.problems(SshdConfig.parse(config));
    }

    @Test
    void aPlainHardenedConfigHasNoProblems() {
        assertThat(problems("PasswordAuthentication no\nAllowUsers alice bob\nPort 22\n"
                + "KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256\n")).isEmpty();
    }

    @Test
    void findsEachWayOfLockingTheSessionOut() {
        assertThat(problems("AllowUsers bob\n")).containsExactly("AllowUsers bob would not allow alice");
        assertThat(problems("DenyUsers al*\n")).containsExactly("DenyUsers would deny alice");
        assertThat(problems("AllowUsers alice@198.51.100.0/24\n"))
                .containsExactly("AllowUsers alice@198.51.100.0/24 would not allow alice");
        assertThat(problems("AllowGroups wheel\n")).containsExactly("AllowGroups wheel would not allow alice");
        assertThat(problems("DenyGroups staff\n")).containsExactly("DenyGroups would deny a group of alice");
        assertThat(problems("PubkeyAuthentication no\n"))
                .containsExactly("PubkeyAuthentication no would turn off the key authentication this session uses");
        assertThat(problems("AuthenticationMethods password\n"))
                .containsExactly("AuthenticationMethods password has no list that public key authentication alone satisfies");
        assertThat(problems("Port 2222\n")).containsExactly("Port 2222 would drop port 22 this session uses");
        assertThat(problems("KexAlgorithms sntrup761x25519-sha512@openssh.com\n")).singleElement().asString()
                .startsWith("KexAlgorithms sntrup761x25519-sha512@openssh.com shares no algorithm with this client (");
        assertThat(problems("PubkeyAcceptedAlgorithms rsa-sha2-512\n")).singleElement().asString()
                .isEqualTo("PubkeyAcceptedAlgorithms rsa-sha2-512 shares no algorithm with this client (ssh-ed25519)");
    }

    @Test
    void matchBlocksThatApplyToTheSessionCount() {
        assertThat(problems("Match Address 203.0.113.0/24\n  AuthenticationMethods publickey,password\n"))
                .containsExactly("AuthenticationMethods publickey,password has no list that public key authentication"
                        + " alone satisfies");
        assertThat(problems("Match Address 198.51.100.0/24\n  PubkeyAuthentication no\n")).isEmpty();
    }

    @Test
    void rootNeedsRootLoginLeftOpenForKeys() {
        LockoutChecks root = new LockoutChecks(ConnectionSpec.of("root", "h", "203.0.113.9"), List.of("ssh-ed25519"), CLIENT);
        assertThat(root.problems(SshdConfig.parse("PermitRootLogin no\n")))
                .containsExactly("PermitRootLogin no would lock out this session's root login");
        assertThat(root.problems(SshdConfig.parse("PermitRootLogin prohibit-password\n"))).isEmpty();
    }

    @Test
    void algorithmChangesRelativeToTheDefaultKeepWhatTheClientUses() {
        assertThat(problems("Ciphers -aes128-ctr\nKexAlgorithms +diffie-hellman-group14-sha256\nMACs ^hmac-sha2-512\n")).isEmpty();
        assertThat(CLIENT.kex()).contains("curve25519-sha256");
    }

    @Test
    void connectOptionsNeedAKeyAndAHostKeyPolicyAndNeverShowSecrets() {
        assertThatThrownBy(() -> ConnectOptions.builder().build()).isInstanceOf(ValidationException.class)
                .hasMessage("keys: give at least one key (key or keyFile) or an agent");
        SshKeyPair key = SshKeyPair.generate();
        assertThatThrownBy(() -> ConnectOptions.builder().key(key).build()).isInstanceOf(ValidationException.class)
                .hasMessage("hostKeys: choose a host key policy (knownHosts, pinned or trustOnFirstUse)");
        assertThatThrownBy(() -> HostKeyPolicy.pinned("MD5:ab:cd")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> SshTarget.of("root;rm", "h")).isInstanceOf(ValidationException.class)
                .hasMessage("user must be a login name, not 'root;rm'");
        assertThatThrownBy(() -> SshTarget.of("root", "h\nx")).isInstanceOf(ValidationException.class)
                .hasMessage("host must be a host name or IP address, not 'h?x'");
        String shown = ConnectOptions.builder().key(key).hostKeys(HostKeyPolicy.pinned(key.publicKey().fingerprintSha256()))
                .build().toString();
        assertThat(shown).contains(key.publicKey().fingerprintSha256()).doesNotContain(key.toOpenSsh(null).substring(40, 80));
    }
}
