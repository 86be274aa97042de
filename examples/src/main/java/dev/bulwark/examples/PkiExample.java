package dev.bulwark.examples;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.Pki;
import dev.bulwark.pki.RevocationReason;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A PKI so servers authenticate each other over TLS: an internal root CA, a server certificate for
 * each name, one revoked, and the CRL, written as PEM files (keys 0600).
 *
 * <pre>java dev.bulwark.examples.PkiExample DIR [NAME...]   (default names web1.internal db1.internal)</pre>
 */
public final class PkiExample {

    private PkiExample() {
    }

    /**
     * Writes the CA, the certificates and the CRL into {@code args[0]}.
     *
     * @param args the directory and the server names
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) {
        ExampleMain.main("PkiExample", "[DIR [NAME...]]", 0, Integer.MAX_VALUE, args, (a, out) -> {
            List<String> names = a.size() > 1 ? a.subList(1, a.size()) : List.of("web1.internal", "db1.internal");
            run(Path.of(a.isEmpty() ? "pki" : a.get(0)), names, out);
        });
    }

    /**
     * Issues a certificate per name, revokes an extra one ("old") and writes everything into {@code dir}.
     *
     * @return the CA
     * @throws IOException when a file cannot be written
     */
    public static CertificateAuthority run(Path dir, List<String> names, PrintStream out) throws IOException {
        SafeFiles.createDirectories(dir, FileMode.PRIVATE_DIRECTORY);
        List<String> signed = new java.util.ArrayList<>(names);
        signed.add("old.internal");
        CertificateAuthority ca = Pki.createRoot("CN=Example Internal CA")
                .withPolicy(Pki.policy().allowNames(signed).build());    // signs these names and nothing else
        SafeFiles.writeString(dir.resolve("ca.crt"), Pki.pem(ca.certificate()), FileMode.PUBLIC);
        for (String name : names) {
            IssuedCertificate issued = ca.issueServer(List.of(name), Duration.ofDays(90));
            SafeFiles.writeString(dir.resolve(name + ".crt"), Pki.pem(issued.certificate()), FileMode.PUBLIC);
            SafeFiles.writeString(dir.resolve(name + ".key"), Pki.pem(issued.privateKey()), FileMode.SECRET);
            List<IndexEntry> entries = ca.entries();
            out.println(name + ": serial " + entries.get(entries.size() - 1).serialHex());
        }
        IssuedCertificate old = ca.issueServer(List.of("old.internal"), Duration.ofDays(90));
        IndexEntry revoked = ca.revoke(old.certificate().getSerialNumber(), RevocationReason.SUPERSEDED);
        SafeFiles.writeString(dir.resolve("crl.pem"), Pki.pem(ca.crl()), FileMode.PUBLIC);
        out.println("revoked old.internal: serial " + revoked.serialHex());
        return ca;
    }
}
