package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark ca init|issue|revoke|crl} through the built launcher, checked with openssl. */
@RequiresTool("openssl")
class CaIT {

    private static final Map<String, String> PASS = Map.of("CA_PASS", "correct horse battery staple");

    @TempDir
    Path dir;

    @Test
    void initIssueRevokeCrlAsOpensslSeesThem() throws Exception {
        Launcher.Run init = Launcher.run(dir, PASS, "ca", "init", "--dir", "pki", "--subject", "CN=Test Internal CA",
                "--passphrase-env", "CA_PASS");
        Launcher.Run issue = Launcher.run(dir, PASS, "ca", "issue", "--dir", "pki", "--name", "web1.example.com",
                "--name", "10.0.0.5", "--out", "certs", "--passphrase-env", "CA_PASS");

        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.stdout()).startsWith("CA CN=Test Internal CA created in ").contains("SHA-256 fingerprint: ");
        assertThat(issue.exitCode()).as(issue.toString()).isZero();
        assertThat(issue.stdout()).doesNotContain("PRIVATE").doesNotContain("correct horse");
        String serial = issue.stdout().lines().filter(l -> l.startsWith("serial ")).findFirst().orElseThrow().substring(7);
        Path crt = dir.resolve("certs/web1.example.com.crt");
        Path key = dir.resolve("certs/web1.example.com.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pki/ca.key")))).isEqualTo("rw-------");
        assertThat(ToolRuns.run(dir, "", "openssl", "verify", "-x509_strict", "-CAfile", "pki/ca.crt", crt.toString()).stdout())
                .isEqualTo(crt + ": OK\n");
        assertThat(ToolRuns.run(dir, "", "openssl", "x509", "-in", crt.toString(), "-noout", "-serial", "-ext", "subjectAltName").stdout())
                .contains("serial=" + serial).contains("DNS:web1.example.com").contains("IP Address:10.0.0.5");
        assertThat(ToolRuns.run(dir, "", "openssl", "pkey", "-in", key.toString(), "-pubout").exitCode()).isZero();

        Launcher.Run revoke = Launcher.run(dir, PASS, "ca", "revoke", "--dir", "pki", "--serial", serial,
                "--reason", "keyCompromise", "--passphrase-env", "CA_PASS");
        Launcher.Run crl = Launcher.run(dir, PASS, "ca", "crl", "--dir", "pki", "--passphrase-env", "CA_PASS");

        assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
        assertThat(revoke.stdout()).isEqualTo("revoked " + serial + " (keyCompromise)\n");
        assertThat(crl.exitCode()).isZero();
        Files.writeString(dir.resolve("crl.pem"), crl.stdout());
        assertThat(ToolRuns.run(dir, "", "openssl", "crl", "-in", "crl.pem", "-noout", "-text").stdout())
                .contains("Serial Number: " + serial).contains("Key Compromise");
        Launcher.Run verify = ToolRuns.run(dir, "", "openssl", "verify", "-crl_check", "-CAfile", "pki/ca.crt",
                "-CRLfile", "crl.pem", crt.toString());
        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.stdout()).contains("certificate revoked");
    }

    @Test
    void aWrongPassphraseIsOneLineWithoutTheSecret() throws Exception {
        Launcher.run(dir, PASS, "ca", "init", "--dir", "pki", "--subject", "CN=Test CA", "--passphrase-env", "CA_PASS");

        Launcher.Run run = Launcher.run(dir, Map.of("CA_PASS", "not the passphrase"), "ca", "crl", "--dir", "pki",
                "--passphrase-env", "CA_PASS");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isEqualTo("pki/ca.key:1:1: cannot decrypt the private key (wrong passphrase or damaged file)\n");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void theCaSignsOnlyTheNamesAskedForAndNeverOverwrites() throws Exception {
        Launcher.run(dir, PASS, "ca", "init", "--dir", "pki", "--subject", "CN=Test CA", "--passphrase-env", "CA_PASS");
        Launcher.run(dir, PASS, "ca", "issue", "--dir", "pki", "--name", "a.example.com", "--out", "certs",
                "--passphrase-env", "CA_PASS");

        Launcher.Run again = Launcher.run(dir, PASS, "ca", "issue", "--dir", "pki", "--name", "a.example.com", "--out", "certs",
                "--passphrase-env", "CA_PASS");
        Launcher.Run noPassphrase = Launcher.run(dir, "ca", "crl", "--dir", "pki");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.stderr()).isEqualTo("bulwark: certs/a.example.com.crt already exists;"
                + " bulwark never overwrites a certificate or key\n");
        assertThat(noPassphrase.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPassphrase.stderr()).startsWith("bulwark: no passphrase for the CA key in pki: give --passphrase-env");
    }
}
