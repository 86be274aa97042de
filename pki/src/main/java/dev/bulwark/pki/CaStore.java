package dev.bulwark.pki;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.internal.EncryptedKeys;
import dev.bulwark.pki.internal.FileLedger;
import dev.bulwark.pki.internal.KeyChecks;
import dev.bulwark.pki.internal.PemReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A CA kept in a directory, like easy-rsa's {@code pki} directory but typed and safe:
 *
 * <pre>
 * DIR/            0700
 *   ca.key        0600  the CA key, encrypted PKCS#8 (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256)
 *   ca.crt              the CA certificate and its issuers (PEM bundle)
 *   index.txt           one line per issued certificate: status, serial, notAfter, revocation, subject
 *   crlnumber           the next CRL number
 *   crl.pem             the latest CRL
 *   certs/SERIAL.pem    every issued certificate
 *   .lock               the lock file
 * </pre>
 *
 * <p>Every file is replaced atomically (core's {@link SafeFiles}), except that issuing appends its
 * lines to {@code index.txt} (one write and one fsync; a revocation replaces the file); every
 * change by the {@linkplain #authority() store's CA} holds an exclusive lock (in the JVM and, with
 * {@code FileChannel.lock}, across processes), first reads what other processes added to the index,
 * and never reuses a serial. Reads cost what changed since the last read, not the store's size, and
 * see every change of any process. Issuing, revoking and CRL signing through it may throw
 * {@link java.io.UncheckedIOException} on I/O failure.
 *
 * <pre>{@code
 * CaStore store = CaStore.create(dir, CertificateAuthority.createRoot("CN=Example Root"), passphrase);
 * // later, in another process:
 * CertificateAuthority ca = CaStore.open(dir, passphrase).authority();
 * ca.issueServer(List.of("db1.example.com"), Duration.ofDays(90));
 * }</pre>
 */
public final class CaStore {

    /** The encrypted CA key. */
    public static final String KEY_FILE = "ca.key";
    /** The CA certificate chain. */
    public static final String CERTIFICATE_FILE = "ca.crt";

    private final Path directory;
    private final CertificateAuthority authority;

    private CaStore(Path directory, CertificateAuthority authority) {
        this.directory = directory;
        this.authority = authority;
    }

    /**
     * Creates a store for the CA in a new or empty directory: the key is written encrypted with the
     * passphrase and mode 0600 from its creation. The CA's in-memory index is not carried over:
     * create the store right after creating the CA. The passphrase is copied and the copy wiped;
     * the caller wipes theirs.
     *
     * @throws ValidationException when the directory already holds files, or the passphrase is shorter than 8
     */
    public static CaStore create(Path directory, CertificateAuthority ca, char[] passphrase) throws IOException {
        Objects.requireNonNull(ca, "ca");
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                if (files.findAny().isPresent()) {
                    throw new ValidationException("directory " + directory + " is not empty; a store needs a new or empty directory");
                }
            }
        }
        byte[] encryptedKey = EncryptedKeys.encrypt(ca.privateKey(), passphrase);
        SafeFiles.createDirectories(directory, FileMode.PRIVATE_DIRECTORY);
        SafeFiles.writeString(directory.resolve(KEY_FILE), PemReader.write("ENCRYPTED PRIVATE KEY", encryptedKey), FileMode.SECRET);
        SafeFiles.writeString(directory.resolve(CERTIFICATE_FILE), Pem.encode(ca.chain()), FileMode.PUBLIC);
        FileLedger.initialize(directory);
        return new CaStore(directory, ca.withLedger(new FileLedger(directory)));
    }

    /** Opens a store with default {@link CaSettings}; see {@link #open(Path, char[], CaSettings)}. */
    public static CaStore open(Path directory, char[] passphrase) throws IOException {
        return open(directory, passphrase, CaSettings.defaults());
    }

    /**
     * Opens an existing store, decrypting its key with the passphrase (copied, and the copy wiped).
     *
     * @throws dev.bulwark.core.ParseException for a wrong passphrase or damaged files
     */
    public static CaStore open(Path directory, char[] passphrase, CaSettings settings) throws IOException {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        List<X509Certificate> chain = Pem.parseCertificates(
                Files.readString(certificateFile, StandardCharsets.US_ASCII), certificateFile.toString());
        Path keyFile = directory.resolve(KEY_FILE);
        PrivateKey key = Pem.parseEncryptedPrivateKey(Files.readString(keyFile, StandardCharsets.US_ASCII),
                keyFile.toString(), passphrase);
        KeyChecks.requireMatch(key, chain.get(0).getPublicKey());
        return new CaStore(directory, new CertificateAuthority(chain, key, settings, CaPolicy.NONE,
                new FileLedger(directory)));
    }

    /** The CA whose issuing, revoking and CRLs are recorded in this store. */
    public CertificateAuthority authority() {
        return authority;
    }

    /** The store's directory. */
    public Path directory() {
        return directory;
    }

    /** The index as it is on disk now. */
    public List<IndexEntry> index() {
        return authority.entries();
    }

    /** The index entry of this serial as it is on disk now, found without a scan of {@link #index()}. */
    public Optional<IndexEntry> entry(BigInteger serial) {
        return authority.entry(serial);
    }

    @Override
    public String toString() {
        return "CaStore[" + directory + ", " + authority + "]";
    }
}
