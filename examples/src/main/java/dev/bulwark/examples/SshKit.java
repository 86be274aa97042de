package dev.bulwark.examples;

import dev.bulwark.core.ParseResult;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.config.HardeningBaseline;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdConfigFile;
import dev.bulwark.ssh.config.SshdHardening;
import dev.bulwark.ssh.fail2ban.SshdJail;
import dev.bulwark.ssh.key.SshKeyPair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** The kit's SSH part: the admin's key pair, authorized_keys, the hardened sshd_config and the fail2ban jail. */
final class SshKit {

    private SshKit() {
    }

    static void write(BaselineSpec spec, KitFiles kit, char[] passphrase, Path currentSshdConfig) throws IOException {
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

        SshdConfig current = current(kit, currentSshdConfig);
        SshdHardening.Result hardened = SshdHardening.harden(current,
                HardeningBaseline.SEED.withAllowUsers(spec.adminUser()).withPort(spec.sshPort()));
        kit.write("ssh/sshd_config", hardened.hardened().render(), FileMode.PUBLIC,
                "the hardened /etc/ssh/sshd_config (no root login, keys only, AllowUsers " + spec.adminUser() + ")");
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

    /** The machine's sshd_config when readable, else the embedded default (with a note). */
    private static SshdConfig current(KitFiles kit, Path path) throws IOException {
        if (path != null) {
            try {
                ParseResult<SshdConfig> read = SshdConfig.readLenient(path);
                read.diagnostics().forEach(d -> kit.note("sshd_config: " + d.getMessage()));
                return read.value();
            } catch (NoSuchFileException e) {
                kit.note(path + " does not exist: the hardened sshd_config starts from Debian's default.");
            } catch (IOException e) {
                kit.note(path + " is not readable (" + e.getClass().getSimpleName()
                        + "): the hardened sshd_config starts from Debian's default.");
            }
        }
        try (InputStream in = SshKit.class.getResourceAsStream("default_sshd_config")) {
            return SshdConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default sshd_config");
        }
    }
}
