package dev.bulwark.pki.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.IndexEntry;
import dev.bulwark.pki.Pem;
import dev.bulwark.pki.RevocationReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ledger in a store directory. Every change takes the store lock, brings its view of the index up
 * to date (another process may have changed it; see {@link IndexCache}), acts, and writes: issuing
 * appends the batch's lines to the index with one write and one fsync; a revocation replaces the
 * index atomically, as every other file is replaced. Reads take no lock (except to open the index
 * after it was replaced) and cost what changed since the last read, not the size of the store: a
 * final index line without its {@code '\n'} is an append under way, or cut short by a crash, and is
 * not read; the next issuer cuts it. A certificate file is written before the index line that names
 * it, so a crash leaves at worst an unlisted certificate file (or a temporary one), never a
 * listed serial without one; the next CRL number is written before the CRL, so a crash leaves at
 * worst a skipped number, never one used twice. Not API.
 */
public final class FileLedger implements Ledger {

    /** The index file. */
    public static final String INDEX = "index.txt";
    /** The file holding the next CRL number in decimal. */
    public static final String CRL_NUMBER = "crlnumber";
    /** The directory of issued certificates, one {@code SERIAL.pem} each. */
    public static final String CERTS = "certs";
    /** The latest CRL. */
    public static final String CRL = "crl.pem";
    /** The lock file. */
    public static final String LOCK = ".lock";

    private static final Logger LOG = LoggerFactory.getLogger(FileLedger.class);

    private final Path directory;
    private final StoreLock lock;
    /** Certificates issued or read lately, by serial ({@link #remember}); all are dropped when it is full. */
    private final java.util.concurrent.ConcurrentMap<BigInteger, X509Certificate> recent = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int RECENT_CAPACITY = 4096;
    private final IndexCache index;
    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> pending = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public FileLedger(Path directory) {
        this.directory = directory;
        this.lock = new StoreLock(directory, LOCK);
        this.index = new IndexCache(directory.resolve(INDEX), lock);
    }

    /** Writes the empty index, CRL number 1 and the certs directory of a new store. */
    public static void initialize(Path directory) throws IOException {
        SafeFiles.createDirectory(directory.resolve(CERTS), FileMode.PRIVATE_DIRECTORY);
        SafeFiles.writeString(directory.resolve(CRL_NUMBER), "1\n", FileMode.PUBLIC);
        SafeFiles.writeString(directory.resolve(INDEX), IndexFormat.render(List.of()), FileMode.PUBLIC);
    }

    /**
     * Signs the certificate and creates its file (an atomic create-if-absent, {@link SafeFiles#createNew},
     * so no two issuers in any process get one serial, no certificate file is ever overwritten and
     * none is ever seen half-written) without the store lock, then records it in the index under
     * the lock; a serial drawn before is drawn again and the certificate signed with it discarded. Issuers that
     * queue for the lock meanwhile are recorded by one append to the index (group commit): the lock is
     * held for reading what other processes appended, one write and one fsync of the index per batch,
     * never around signing.
     */
    @Override
    public X509Certificate issue(Supplier<BigInteger> serials, Function<BigInteger, X509Certificate> signer) {
        return UncheckedIo.run(() -> {
            BigInteger serial;
            X509Certificate certificate;
            while (true) {
                serial = serials.get();
                if (Files.exists(legacyCertificatePath(serial))) {
                    continue;
                }
                certificate = signer.apply(serial);
                if (SafeFiles.createNew(certificatePath(serial), Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII),
                        FileMode.PUBLIC)) {
                    break;
                }
                // the serial was drawn before (astronomically unlikely): this certificate is never seen; draw again
            }
            Pending mine = new Pending(Ledgers.entryOf(certificate));
            pending.add(mine);
            lock.locked(() -> {
                if (!mine.result.isDone()) {
                    commitPending();
                }
                return null;
            });
            try {
                mine.result.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof IOException) {
                    throw (IOException) e.getCause();
                }
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
            }
            remember(serial, certificate);
            return certificate;
        });
    }

    /** Under the lock: adds every queued entry to the index with one append. */
    private void commitPending() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<IndexEntry> entries = new ArrayList<>(batch.size());
            batch.forEach(p -> entries.add(p.entry));
            index.append(entries);
            LOG.debug("{}: recorded {} issued certificate(s), last serial {}", directory, batch.size(),
                    batch.get(batch.size() - 1).entry.serialHex());
            batch.forEach(p -> p.result.complete(null));
        } catch (IOException | RuntimeException e) {
            batch.forEach(p -> p.result.completeExceptionally(e));
        }
    }

    /** An issued certificate waiting for its index line. */
    private static final class Pending {
        final IndexEntry entry;
        final java.util.concurrent.CompletableFuture<Void> result = new java.util.concurrent.CompletableFuture<>();

        Pending(IndexEntry entry) {
            this.entry = entry;
        }
    }

    @Override
    public IndexEntry revoke(BigInteger serial, RevocationReason reason, Instant when) {
        return lock.locked(() -> UncheckedIo.run(() -> {
            IndexSnapshot known = index.readLocked();
            IndexEntry revoked = Ledgers.revoke(known.entry(serial).orElse(null), serial, reason, when);
            List<IndexEntry> entries = new ArrayList<>(known.entries());
            entries.replaceAll(e -> e.serial().equals(serial) ? revoked : e);
            // rare: the whole index replaced atomically (readers see another file and parse it whole)
            SafeFiles.writeString(directory.resolve(INDEX), IndexFormat.render(entries), FileMode.PUBLIC);
            LOG.debug("{}: revoked serial {} ({})", directory, revoked.serialHex(), reason.wireName());
            return revoked;
        }));
    }

    @Override
    public X509CRL crl(BiFunction<BigInteger, List<IndexEntry>, X509CRL> signer) {
        return lock.locked(() -> UncheckedIo.run(() -> {
            Path numberFile = directory.resolve(CRL_NUMBER);
            String text = Files.readString(numberFile, StandardCharsets.US_ASCII);
            if (!text.matches("[1-9][0-9]{0,39}\n")) {
                throw new ParseException(Position.of(numberFile.toString(), 1), "not a positive decimal CRL number",
                        text.strip());
            }
            BigInteger number = new BigInteger(text.strip());
            X509CRL crl = signer.apply(number, Ledgers.revoked(index.readLocked().entries()));
            // the number first: a crash in between skips a CRL number, never issues one twice (RFC 5280 §5.2.3)
            SafeFiles.writeString(numberFile, number.add(BigInteger.ONE) + "\n", FileMode.PUBLIC);
            SafeFiles.writeString(directory.resolve(CRL), Pem.encode(crl), FileMode.PUBLIC);
            LOG.debug("{}: signed CRL number {}", directory, number);
            return crl;
        }));
    }

    /** In O(their number): the snapshot keeps them. */
    @Override
    public List<IndexEntry> compromised() {
        return index.read().compromised();
    }

    /** The index as on disk, without the store lock (see {@link IndexCache}). */
    @Override
    public List<IndexEntry> entries() {
        return index.read().entries();
    }

    /** In O(1): the snapshot keeps a serial → entry map. */
    @Override
    public Optional<IndexEntry> entry(BigInteger serial) {
        return index.read().entry(serial);
    }

    @Override
    public Optional<X509Certificate> certificate(BigInteger serial) {
        X509Certificate known = recent.get(serial);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<X509Certificate> found = read(certificatePath(serial));
        if (found.isEmpty()) {
            found = read(legacyCertificatePath(serial));
        }
        found.ifPresent(c -> remember(serial, c));
        return found;
    }

    /**
     * Keeps a certificate this ledger issued or read: a certificate file is written once, when its
     * serial is issued, and never changed, so a kept one cannot go stale (its revocation is in the index).
     */
    private void remember(BigInteger serial, X509Certificate certificate) {
        if (recent.size() >= RECENT_CAPACITY) {
            recent.clear();
        }
        recent.put(serial, certificate);
    }

    private static Optional<X509Certificate> read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (pem.isEmpty()) {
                return Optional.empty();   // a serial reserved by an issuer that has not written it yet
            }
            return Optional.of(Pem.parseCertificate(pem, file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code certs/SERIAL.pem}, the serial spelled as everywhere else ({@link Serials#hex}). */
    private Path certificatePath(BigInteger serial) {
        return directory.resolve(CERTS).resolve(Serials.hex(serial) + ".pem");
    }

    /** The name stores written before serials were padded gave an odd-length serial's file. */
    private Path legacyCertificatePath(BigInteger serial) {
        return directory.resolve(CERTS).resolve(Serials.legacyHex(serial) + ".pem");
    }
}
