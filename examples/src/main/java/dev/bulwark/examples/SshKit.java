package dev.bulwark.examples;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.config.ConnectionSpec;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdConfigFile;
import dev.bulwark.ssh.config.SshdHardening;
import dev.bulwark.ssh.config.SshdKeyword;
import dev.bulwark.ssh.fail2ban.SshdJail;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.remote.ClientAlgorithms;
import dev.bulwark.ssh.remote.LockoutChecks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The kit's SSH part: the admin's key pair, authorized_keys, the hardened sshd_config and the fail2ban jail. */
final class SshKit {

    private SshKit() {
    }

    /** OpenSSH 9's client algorithms: what the admin's {@code ssh} offers. */
    private static final ClientAlgorithms OPENSSH_CLIENT = new ClientAlgorithms(
            List.of("sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "curve25519-sha256@libssh.org",
                    "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
                    "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512",
                    "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256"),
            List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr",
                    "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"),
            List.of("umac-64-etm@openssh.com", "umac-128-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
                    "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com", "umac-64@openssh.com",
                    "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1"),
            List.of("ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com",
                    "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519",
                    "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512",
                    "rsa-sha2-256"));

    /**
     * Hardens {@code current} for the spec (the seed's baseline, AllowUsers, AllowGroups, the ssh
     * port) and checks that the admin can still log in with the kit's Ed25519 key from every admin
     * source, as sshd would decide it ({@link LockoutChecks}).
     *
     * @throws ValidationException naming every problem when the result would lock the admin out
     */
    static SshdHardening.Result harden(BaselineSpec spec, SshdConfig current) {
        ManagementPath path = spec.management();
        List<String> users = spec.allowUsers().isEmpty() ? List.of(spec.adminUser()) : spec.allowUsers();
        HardeningBaseline baseline = HardeningBaseline.SEED.withAllowUsers(users.toArray(new String[0]))
                .withPort(path.sshPort());
        if (!spec.allowGroups().isEmpty()) {
            baseline = baseline.with(SshdKeyword.ALLOW_GROUPS, spec.allowGroups().toArray(new String[0]));
        }
        SshdHardening.Result hardened = SshdHardening.harden(current, baseline);
        Set<String> problems = new LinkedHashSet<>();
        List<String> addresses = path.fromAnywhere() ? List.of("198.51.100.1", "2001:db8::1")
                : path.adminSources().stream().map(n -> n.firstAddress().getHostAddress()).toList();
        for (String address : addresses) {
            ConnectionSpec login = ConnectionSpec.of(spec.adminUser(), "", address)
                    .withGroups(spec.adminGroups().toArray(new String[0])).withLocal("", path.sshPort());
            problems.addAll(new LockoutChecks(login, List.of("ssh-ed25519"), OPENSSH_CLIENT)
                    .problems(hardened.hardened()));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("the hardened sshd_config (from " + current.mainFile().name()
                    + ") would lock the admin out: " + String.join("; ", problems)
                    + "; fix the server's sshd_config or the spec first");
        }
        return hardened;
    }

    static void write(BaselineSpec spec, KitFiles kit, char[] passphrase, SshdHardening.Result hardened,
            SshdConfig current) throws IOException {
        kit.directory("ssh", FileMode.PRIVATE_DIRECTORY);
        SshKeyPair key = SshKeyPair.generate().withComment(spec.adminUser() + "@" + spec.hostname());
        key.write(kit.root().resolve("ssh/id_ed25519"), passphrase);
        kit.recordWritten("ssh/id_ed25519", FileMode.SECRET,
                "the admin's Ed25519 private key, encrypted with the passphrase in ssh/PASSPHRASE");
        kit.recordWritten("ssh/id_ed25519.pub", FileMode.PUBLIC, "the admin's public key");
        byte[] secret = secretLine(passphrase);
        try {
            kit.write("ssh/PASSPHRASE", secret, FileMode.SECRET,
                    "the private key's passphrase (shown once on stdout; move it to a password manager, then delete it)");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        kit.write("ssh/authorized_keys", AuthorizedKeys.empty().withKey(key.publicKey()).render(), FileMode.SECRET,
                "~" + spec.adminUser() + "/.ssh/authorized_keys on the server");

        String allowed = spec.allowUsers().isEmpty() ? spec.adminUser() : String.join(" ", spec.allowUsers());
        kit.write("ssh/sshd_config", hardened.hardened().render(), FileMode.PUBLIC,
                "the hardened /etc/ssh/sshd_config (port " + spec.sshPort() + ", no root login, keys only, AllowUsers "
                        + allowed + (spec.allowGroups().isEmpty() ? "" : ", AllowGroups "
                        + String.join(" ", spec.allowGroups())) + ")");
        kit.write("ssh/sshd_config.diff", hardened.diff(), FileMode.PUBLIC,
                "what the hardening changes in " + current.mainFile().name());
        for (SshdConfigFile changed : hardened.change().changedFiles()) {
            if (changed != hardened.hardened().mainFile() && changed.path().isPresent()) {
                String name = changed.path().get().getFileName().toString();
                kit.directory("ssh/sshd_config.d", FileMode.PUBLIC_DIRECTORY);
                kit.write("ssh/sshd_config.d/" + name, changed.text(), FileMode.PUBLIC,
                        "the hardened drop-in " + changed.path().get() + " (it would otherwise win over sshd_config)");
            }
        }
        kit.addFindings(hardened.remaining());
        SshdJail jail = SshdJail.builder().port(spec.sshPort()).build();
        kit.write("ssh/jail.local", jail.render(), FileMode.PUBLIC, "fail2ban's sshd jail (/etc/fail2ban/jail.d/sshd.local)");
    }

    /** {@code passphrase} and a newline as UTF-8, without an intermediate String; the caller wipes the array. */
    private static byte[] secretLine(char[] passphrase) {
        char[] line = Arrays.copyOf(passphrase, passphrase.length + 1);
        line[passphrase.length] = '\n';
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(line));
        Arrays.fill(line, '\0');
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
