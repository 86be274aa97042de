package dev.bulwark.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaStoreTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path tmp;

    private CaStore newStore(Path dir) throws IOException {
        return CaStore.create(dir, CertificateAuthority.createRoot("CN=Store Root,O=Bulwark"), PASSPHRASE.toCharArray());
    }

    private static CertificateAuthority issuing(CaStore store) {
        return TestPolicy.allow(store.authority());
    }

    @Test
    void writesTheKeyEncryptedAndOwnerOnlyInAnOwnerOnlyDirectory() throws IOException {
        Path dir = tmp.resolve("pki");
        newStore(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key")))).isEqualTo("rw-------");
        String key = Files.readString(dir.resolve("ca.key"));
        assertThat(key).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n").doesNotContain("-----BEGIN PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("index.txt"))).isEqualTo("# bulwark-pki index v1\n");
        assertThat(Files.readString(dir.resolve("crlnumber"))).isEqualTo("1\n");
    }

    @Test
    @RequiresTool("openssl")
    void opensslDecryptsTheKeyAndSeesPbes2WithAes256AndHmacSha256() throws Exception {
        Path dir = tmp.resolve("pki");
        CaStore store = newStore(dir);
        Openssl openssl = new Openssl(tmp);
        String parsed = openssl.run("asn1parse", "-in", dir.resolve("ca.key").toString()).output();
        assertThat(parsed).contains("PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc").doesNotContain("sha1");
        Openssl.Result pkey = openssl.run("pkey", "-in", dir.resolve("ca.key").toString(), "-passin", "pass:" + PASSPHRASE, "-pubout");
        assertThat(pkey.exitCode()).isZero();
        assertThat(pkey.output()).isEqualTo(Pem.encode(store.authority().certificate().getPublicKey()));
    }

    @Test
    void reopensWithThePassphraseAndContinuesSerialsIndexAndCrlNumbers() throws IOException {
        Path dir = tmp.resolve("pki");
        CertificateAuthority first = issuing(newStore(dir));
        IssuedCertificate a = first.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        assertThat(ProfileAssertions.crlNumber(first.crl())).isEqualTo(BigInteger.ONE);

        CaStore reopened = CaStore.open(dir, PASSPHRASE.toCharArray());
        CertificateAuthority second = issuing(reopened);
        assertThat(second.certificate()).isEqualTo(first.certificate());
        IssuedCertificate b = second.issueServer(List.of("b.example.com"), Duration.ofDays(30));
        second.revoke(a.certificate().getSerialNumber(), RevocationReason.SUPERSEDED);
        var crl = second.crl();
        ProfileAssertions.assertConforms(crl, second.certificate());
        assertThat(ProfileAssertions.crlNumber(crl)).isEqualTo(BigInteger.TWO);
        assertThat(crl.isRevoked(a.certificate())).isTrue();
        assertThat(crl.isRevoked(b.certificate())).isFalse();
        assertThat(reopened.index()).extracting(IndexEntry::serial)
                .containsExactly(a.certificate().getSerialNumber(), b.certificate().getSerialNumber());
        assertThat(reopened.index().get(0).reason()).contains(RevocationReason.SUPERSEDED);
        assertThat(second.certificate(b.certificate().getSerialNumber())).contains(b.certificate());
        assertThat(Files.readString(dir.resolve("crl.pem"))).isEqualTo(Pem.encode(crl));
        assertThat(Files.readString(dir.resolve("crlnumber"))).isEqualTo("3\n");
    }

    @Test
    @RequiresTool("openssl")
    void aSerialIsSpelledOneWayInTheIndexTheCertificateFileAndByOpenssl() throws Exception {
        Path dir = tmp.resolve("pki");
        CertificateAuthority ca = issuing(newStore(dir));
        IssuedCertificate a = ca.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        IndexEntry entry = ca.entries().get(0);
        // 128 random bits and a leading bit: 33 hex digits, written with openssl's leading zero
        assertThat(entry.serialHex()).hasSize(34).startsWith("01");
        assertThat(Files.readString(dir.resolve("index.txt"))).contains("V\t" + entry.serialHex() + "\t");
        assertThat(dir.resolve("certs").resolve(entry.serialHex() + ".pem")).exists();
        assertThat(a.toString()).contains("serial " + entry.serialHex() + ",");
        Openssl openssl = new Openssl(tmp);
        assertThat(openssl.run("x509", "-in", dir.resolve("certs").resolve(entry.serialHex() + ".pem").toString(),
                "-noout", "-serial").output()).isEqualTo("serial=" + entry.serialHex() + "\n");
    }

    @Test
    void aStoreWrittenWithUnpaddedSerialsStaysReadableAndUsable() throws IOException {
        Path dir = tmp.resolve("pki");
        CertificateAuthority ca = issuing(newStore(dir));
        IssuedCertificate a = ca.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        BigInteger serial = a.certificate().getSerialNumber();
        String padded = ca.entries().get(0).serialHex();
        String unpadded = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        assertThat(unpadded).isEqualTo(padded.substring(1));
        // what earlier versions wrote: unpadded serials in index.txt and certs/
        Files.writeString(dir.resolve("index.txt"), Files.readString(dir.resolve("index.txt")).replace(padded, unpadded));
        Files.move(dir.resolve("certs").resolve(padded + ".pem"), dir.resolve("certs").resolve(unpadded + ".pem"));

        CertificateAuthority reopened = issuing(CaStore.open(dir, PASSPHRASE.toCharArray()));
        assertThat(reopened.certificate(serial)).contains(a.certificate());
        assertThat(reopened.revoke(serial, RevocationReason.SUPERSEDED).serialHex()).isEqualTo(padded);
        assertThat(Files.readString(dir.resolve("index.txt"))).contains("R\t" + padded + "\t");
        assertThat(reopened.crl().isRevoked(a.certificate())).isTrue();
    }

    @Test
    void wrongPassphraseIsRefusedWithoutQuotingIt() throws IOException {
        Path dir = tmp.resolve("pki");
        newStore(dir);
        assertThatThrownBy(() -> CaStore.open(dir, "wrong passphrase!".toCharArray()))
                .isInstanceOf(ParseException.class)
                .hasMessage(dir.resolve("ca.key") + ":1:1: cannot decrypt the private key (wrong passphrase or damaged file)")
                .hasNoCause();
    }

    @Test
    void refusesShortPassphrasesAndNonEmptyDirectories() throws IOException {
        CertificateAuthority ca = TestPolicy.allow(CertificateAuthority.createRoot("CN=Root"));
        assertThatThrownBy(() -> CaStore.create(tmp.resolve("a"), ca, "short".toCharArray()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the passphrase has 5 characters; use at least 8 (a generated passphrase of 20 or more is better)");
        Files.writeString(tmp.resolve("b-file"), "x");
        assertThatThrownBy(() -> CaStore.create(tmp, ca, PASSPHRASE.toCharArray()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("directory " + tmp + " is not empty; a store needs a new or empty directory");
    }

    @Test
    void aCorruptIndexIsReportedWithItsPosition() throws IOException {
        Path dir = tmp.resolve("pki");
        CertificateAuthority ca = issuing(newStore(dir));
        ca.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        String index = Files.readString(dir.resolve("index.txt"));
        // replaced as the store replaces it (an open store reads an index it has read only from where it ended)
        replaceIndex(dir, index.replaceFirst("\nV\t", "\nX\t"));
        assertThatThrownBy(ca::entries).isInstanceOf(ParseException.class)
                .hasMessage(dir.resolve("index.txt") + ":2:1: status must be V or R in 'X'");
        assertThatThrownBy(() -> ca.issueServer(List.of("b.example.com"), Duration.ofDays(30)))
                .isInstanceOf(ParseException.class)
                .hasMessage(dir.resolve("index.txt") + ":2:1: status must be V or R in 'X'");
    }

    private static void replaceIndex(Path dir, String text) throws IOException {
        Path next = dir.resolve("index.txt.new");
        Files.writeString(next, text);
        Files.move(next, dir.resolve("index.txt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Object indexFileKey(Path dir) throws IOException {
        return Files.readAttributes(dir.resolve("index.txt"), BasicFileAttributes.class).fileKey();
    }

    @Test
    void issuingAppendsToTheIndexFileAndRevokingReplacesIt() throws IOException {
        Path dir = tmp.resolve("pki");
        CertificateAuthority ca = issuing(newStore(dir));
        IssuedCertificate a = ca.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        Object key = indexFileKey(dir);
        String before = Files.readString(dir.resolve("index.txt"));
        IssuedCertificate b = ca.issueServer(List.of("b.example.com"), Duration.ofDays(30));
        assertThat(indexFileKey(dir)).isEqualTo(key);
        assertThat(Files.readString(dir.resolve("index.txt")))
                .isEqualTo(before + "V\t" + ca.entries().get(1).serialHex() + "\t"
                        + b.certificate().getNotAfter().toInstant() + "\t-\t-\tCN=b.example.com\n");
        ca.revoke(a.certificate().getSerialNumber(), RevocationReason.SUPERSEDED);
        assertThat(indexFileKey(dir)).isNotEqualTo(key);
        assertThat(ca.entry(a.certificate().getSerialNumber()).orElseThrow().reason()).contains(RevocationReason.SUPERSEDED);
    }

    @Test
    void anotherStoreObjectSeesEveryAppendAndRevocation() throws IOException {
        Path dir = tmp.resolve("pki");
        CaStore first = newStore(dir);
        CaStore second = CaStore.open(dir, PASSPHRASE.toCharArray());
        assertThat(first.index()).isEmpty();
        List<BigInteger> serials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            serials.add(issuing(second).issueServer(List.of("s" + i + ".example.com"), Duration.ofDays(30))
                    .certificate().getSerialNumber());
            assertThat(first.index()).extracting(IndexEntry::serial).containsExactlyElementsOf(serials);
            assertThat(first.entry(serials.get(i))).isPresent();
        }
        issuing(second).revoke(serials.get(1), RevocationReason.KEY_COMPROMISE);
        assertThat(first.entry(serials.get(1)).orElseThrow().reason()).contains(RevocationReason.KEY_COMPROMISE);
        serials.add(issuing(first).issueServer(List.of("f.example.com"), Duration.ofDays(30)).certificate().getSerialNumber());
        assertThat(second.index()).extracting(IndexEntry::serial).containsExactlyElementsOf(serials);
        assertThat(second.index().get(1).reason()).contains(RevocationReason.KEY_COMPROMISE);
        assertThat(second.entry(serials.get(3))).contains(first.index().get(3));
        assertThat(first.entry(BigInteger.TEN)).isEmpty();
    }

    @Test
    void aTornLastLineIsNotReadAndTheNextIssuanceCutsIt() throws IOException {
        Path dir = tmp.resolve("pki");
        CaStore store = newStore(dir);
        CertificateAuthority ca = issuing(store);
        IssuedCertificate a = ca.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        String complete = Files.readString(dir.resolve("index.txt"));
        // what a crash in the middle of an append leaves
        Files.writeString(dir.resolve("index.txt"), "V\t0123\t2027-01-0", StandardOpenOption.APPEND);
        CaStore other = CaStore.open(dir, PASSPHRASE.toCharArray());
        assertThat(store.index()).extracting(IndexEntry::serial).containsExactly(a.certificate().getSerialNumber());
        assertThat(other.index()).extracting(IndexEntry::serial).containsExactly(a.certificate().getSerialNumber());

        IssuedCertificate b = issuing(other).issueServer(List.of("b.example.com"), Duration.ofDays(30));
        String index = Files.readString(dir.resolve("index.txt"));
        assertThat(index).startsWith(complete).doesNotContain("0123").endsWith("\tCN=b.example.com\n");
        assertThat(index.split("\n")).hasSize(3);
        assertThat(store.index()).extracting(IndexEntry::serial)
                .containsExactly(a.certificate().getSerialNumber(), b.certificate().getSerialNumber());
        assertThat(store.index().get(0)).isEqualTo(other.index().get(0));
    }

    @Test
    void aCompleteLineThatDoesNotParseIsRefusedWithItsPosition() throws IOException {
        Path dir = tmp.resolve("pki");
        CertificateAuthority ca = issuing(newStore(dir));
        ca.issueServer(List.of("a.example.com"), Duration.ofDays(30));
        ca.entries();
        Files.writeString(dir.resolve("index.txt"), "V\tnot a serial\n", StandardOpenOption.APPEND);
        String message = dir.resolve("index.txt") + ":3:1: expected 6 tab-separated fields, found 2 in 'V\\tnot a serial'";
        assertThatThrownBy(ca::entries).isInstanceOf(ParseException.class).hasMessage(message);
        assertThatThrownBy(() -> ca.issueServer(List.of("b.example.com"), Duration.ofDays(30)))
                .isInstanceOf(ParseException.class).hasMessage(message);
        assertThatThrownBy(() -> CaStore.open(dir, PASSPHRASE.toCharArray()).index())
                .isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Test
    void threadsOnTwoStoreObjectsNeverShareASerial() throws Exception {
        Path dir = tmp.resolve("pki");
        CertificateAuthority one = issuing(newStore(dir));
        CertificateAuthority two = issuing(CaStore.open(dir, PASSPHRASE.toCharArray()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<BigInteger>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CertificateAuthority ca = i % 2 == 0 ? one : two;
            String name = "t" + i + ".example.com";
            futures.add(pool.submit(() -> ca.issueServer(List.of(name), Duration.ofDays(30)).certificate().getSerialNumber()));
        }
        Set<BigInteger> serials = new HashSet<>();
        for (Future<BigInteger> f : futures) {
            serials.add(f.get());
        }
        pool.shutdown();
        assertThat(serials).hasSize(100);
        assertThat(one.entries()).extracting(IndexEntry::serial).containsExactlyInAnyOrderElementsOf(serials);
    }

    @Test
    void anIssuerKilledWithSigkillLeavesAnIndexWhoseEveryLineHasItsCertificate() throws Exception {
        Path dir = tmp.resolve("pki");
        CaStore store = newStore(dir);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreIssuerMain.class.getName(), dir.toString(), "100000")
                .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write((PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        // read along until it has issued some, then kill it in the middle of its work
        while (store.index().size() < 20) {
            assertThat(p.isAlive()).isTrue();
            p.waitFor(20, TimeUnit.MILLISECONDS);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();

        List<IndexEntry> index = store.index();
        assertThat(index).hasSizeGreaterThanOrEqualTo(20);
        X509Certificate root = store.authority().certificate();
        for (IndexEntry entry : index) {
            store.authority().certificate(entry.serial()).orElseThrow().verify(root.getPublicKey());
        }
        assertThat(CaStore.open(dir, PASSPHRASE.toCharArray()).index()).isEqualTo(index);
        IssuedCertificate next = issuing(store).issueServer(List.of("after.example.com"), Duration.ofDays(30));
        assertThat(store.index()).hasSize(index.size() + 1).startsWith(index.get(0));
        assertThat(store.entry(next.certificate().getSerialNumber())).isPresent();
    }

    @Test
    void twoProcessesIssuingFiveHundredEachGetOneThousandDistinctSerialsAndAConsistentIndex() throws Exception {
        Path dir = tmp.resolve("pki");
        CaStore store = newStore(dir);
        assertThat(store.index()).isEmpty();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreIssuerMain.class.getName(), dir.toString(), "500")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().write((PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            processes.add(p);
        }
        // meanwhile this store object reads the index as the other processes append to it: it only ever grows,
        // and every listed serial has its certificate (a line being appended is not read before its '\n')
        List<IndexEntry> seen = List.of();
        int reads = 0;
        while (processes.get(0).isAlive() || processes.get(1).isAlive()) {
            List<IndexEntry> now = store.index();
            assertThat(now.size()).isGreaterThanOrEqualTo(seen.size());
            assertThat(now.subList(0, seen.size())).isEqualTo(seen);
            for (IndexEntry entry : now.subList(seen.size(), now.size())) {
                assertThat(store.authority().certificate(entry.serial())).isPresent();
            }
            seen = now;
            reads++;
            processes.get(0).waitFor(20, TimeUnit.MILLISECONDS);
        }
        assertThat(reads).isPositive();
        List<String> printed = new ArrayList<>();
        for (Process p : processes) {
            printed.addAll(List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")));
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        Set<BigInteger> serials = new HashSet<>();
        printed.forEach(hex -> serials.add(new BigInteger(hex, 16)));
        assertThat(printed).hasSize(1000);
        assertThat(serials).hasSize(1000);

        List<IndexEntry> index = CaStore.open(dir, PASSPHRASE.toCharArray()).index();
        assertThat(index).hasSize(1000);
        // the store object that read along sees what a newly opened one sees
        assertThat(store.index()).isEqualTo(index);
        serials.forEach(serial -> assertThat(store.entry(serial)).isPresent());
        assertThat(index).extracting(IndexEntry::serial).containsExactlyInAnyOrderElementsOf(serials);
        try (var files = Files.list(dir.resolve("certs"))) {
            assertThat(files.count()).isEqualTo(1000);
        }
        X509Certificate root = store.authority().certificate();
        for (IndexEntry entry : index) {
            X509Certificate cert = store.authority().certificate(entry.serial()).orElseThrow();
            assertThat(cert.getSerialNumber()).isEqualTo(entry.serial());
            assertThat(cert.getNotAfter().toInstant()).isEqualTo(entry.notAfter());
            cert.verify(root.getPublicKey());
        }
        ProfileAssertions.assertConforms(store.authority().certificate(index.get(999).serial()).orElseThrow(), root);
    }
}
