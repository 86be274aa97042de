package dev.bulwark.examples;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.pki.CaStore;
import dev.bulwark.pki.CertificateAuthority;
import dev.bulwark.pki.IssuedCertificate;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.Pki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The kit's PKI part: an internal root CA, one TLS server certificate per server, and the CRL. */
final class PkiKit {

    private PkiKit() {
    }

    static void write(BaselineSpec spec, KitFiles kit, char[] passphrase) throws IOException {
        kit.directory("pki", FileMode.PRIVATE_DIRECTORY);
        CaStore store = Pki.createStore(kit.root().resolve("pki/ca"), Pki.createRoot("CN=" + spec.caName()), passphrase);
        // the CA signs the kit's servers and nothing else
        CertificateAuthority ca = store.authority().withPolicy(Pki.policy().allowNames(spec.servers()).build());
        kit.write("pki/ca.crt", Pem.encode(ca.certificate()), FileMode.PUBLIC,
                "the internal CA's certificate: the trust anchor every server and client installs");
        for (String server : spec.servers()) {
            IssuedCertificate issued = ca.issueServer(List.of(server),
                    Duration.ofDays(CertificateAuthority.DEFAULT_LEAF_DAYS));
            kit.write("pki/" + server + ".crt", Pem.encode(issued.certificate()), FileMode.PUBLIC,
                    "the TLS server certificate of " + server);
            kit.write("pki/" + server + ".key", Pem.encode(issued.privateKey()), FileMode.SECRET,
                    "the private key of " + server + "'s certificate");
        }
        kit.write("pki/crl.pem", Pem.encode(ca.crl()), FileMode.PUBLIC,
                "the CA's certificate revocation list (empty: nothing revoked yet)");
        // the store's own files, after issuing (which adds its certificate copies, CRL and lock)
        for (String file : Kit.walk(kit.root().resolve("pki/ca"))) {
            Path path = kit.root().resolve("pki/ca").resolve(file);
            kit.recordWritten("pki/ca/" + file, FileMode.of(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)),
                    "the CA store (Pki.openStore; keep it offline): " + (file.endsWith(".key")
                            ? "the CA's key, encrypted with the passphrase in ssh/PASSPHRASE" : file.equals(".lock")
                            ? "its lock file" : file.startsWith("certs/") ? "a copy of an issued certificate" : file));
        }
    }
}
