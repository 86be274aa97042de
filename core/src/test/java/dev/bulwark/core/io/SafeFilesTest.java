package dev.bulwark.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void writesContentWithTheRequestedMode() throws IOException {
        Path key = dir.resolve("id_ed25519");
        SafeFiles.write(key, new byte[] {1, 2, 3}, FileMode.SECRET);
        assertThat(Files.readAllBytes(key)).containsExactly(1, 2, 3);
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void theModeIsInPlaceBeforeAnyContentIsWritten() throws IOException {
        Path secret = dir.resolve("PASSPHRASE");
        List<String> observed = new ArrayList<>();
        SafeFiles.write(secret, FileMode.SECRET, out -> {
            List<Path> temps = tempFiles();
            assertThat(temps).hasSize(1);
            assertThat(Files.size(temps.get(0))).isZero();
            observed.add(mode(temps.get(0)));
            out.write("hunter2".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(observed).containsExactly("rw-------");
        assertThat(Files.readString(secret)).isEqualTo("hunter2");
    }

    @Test
    void theModeIsExactEvenWhereTheUmaskWouldClearBits() throws IOException {
        // The usual umask 022 clears group and other write at creation; the mode must still be exact.
        Path shared = dir.resolve("shared");
        SafeFiles.writeString(shared, "x", FileMode.of(0666));
        assertThat(mode(shared)).isEqualTo("rw-rw-rw-");
    }

    @Test
    void replacingAFileAlsoReplacesItsLooserMode() throws IOException {
        Path file = dir.resolve("key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SafeFiles.writeString(file, "new", FileMode.SECRET);
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void leavesTheOldFileIntactWhenTheContentFailsMidway() throws IOException {
        Path file = dir.resolve("config");
        SafeFiles.writeString(file, "old content", FileMode.PUBLIC);
        assertThatThrownBy(() -> SafeFiles.write(file, FileMode.PUBLIC, out -> {
            out.write("new cont".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk on fire");
        })).isInstanceOf(IOException.class).hasMessage("disk on fire");
        assertThat(Files.readString(file)).isEqualTo("old content");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void leavesNoTemporaryFileWhenTheContentThrowsAnUncheckedException() throws IOException {
        Path file = dir.resolve("config");
        assertThatThrownBy(() -> SafeFiles.write(file, FileMode.PUBLIC, out -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(file).doesNotExist();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void leavesNoTemporaryFileWhenTheRenameFails() throws IOException {
        Path occupied = dir.resolve("occupied");
        Files.createDirectory(occupied);
        Files.writeString(occupied.resolve("inside"), "keep");
        assertThatThrownBy(() -> SafeFiles.writeString(occupied, "x", FileMode.PUBLIC))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(occupied.resolve("inside"))).isEqualTo("keep");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void failsWhenTheDirectoryIsMissing() {
        assertThatThrownBy(() -> SafeFiles.writeString(dir.resolve("missing/file"), "x", FileMode.PUBLIC))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesToWriteASecretThroughASymlinkedTarget() throws IOException {
        Path elsewhere = dir.resolve("readable-by-attacker");
        Files.writeString(elsewhere, "untouched");
        Path link = Files.createSymbolicLink(dir.resolve("id_ed25519"), elsewhere);
        assertThatThrownBy(() -> SafeFiles.writeString(link, "secret", FileMode.SECRET))
                .isInstanceOf(SymlinkRefusedException.class)
                .hasMessage("refusing to write a secret through a symbolic link: the target " + link
                        + " is a symbolic link; remove it or write the secret to a real path");
        assertThat(Files.readString(elsewhere)).isEqualTo("untouched");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void refusesADanglingSymlinkForAnOwnerOnlyMode() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("key"), dir.resolve("nowhere"));
        assertThatThrownBy(() -> SafeFiles.writeString(link, "secret", FileMode.of(0400)))
                .isInstanceOf(SymlinkRefusedException.class);
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void refusesToWriteASecretThroughASymlinkedParent() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path linkedDir = Files.createSymbolicLink(dir.resolve("linked"), real);
        assertThatThrownBy(() -> SafeFiles.writeString(linkedDir.resolve("key"), "secret", FileMode.SECRET))
                .isInstanceOf(SymlinkRefusedException.class)
                .hasMessageContaining("the parent directory " + linkedDir + " is a symbolic link");
        assertThat(real.resolve("key")).doesNotExist();
    }

    @Test
    void followsASymlinkForAPublicFileAndKeepsTheLink() throws IOException {
        Path realFile = dir.resolve("resolv.conf.real");
        Files.writeString(realFile, "old");
        Path link = Files.createSymbolicLink(dir.resolve("resolv.conf"), realFile.getFileName());
        SafeFiles.writeString(link, "new", FileMode.PUBLIC);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(realFile)).isEqualTo("new");
    }

    @Test
    void concurrentWritersNeverProduceATornFile() throws Exception {
        Path file = dir.resolve("contended");
        int size = 256 * 1024;
        List<byte[]> versions = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            byte[] content = new byte[size];
            java.util.Arrays.fill(content, (byte) ('a' + v));
            versions.add(content);
        }
        SafeFiles.write(file, versions.get(0), FileMode.PUBLIC);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (byte[] version : versions) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        SafeFiles.write(file, version, FileMode.PUBLIC);
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (!done.get()) {
                    byte[] seen = Files.readAllBytes(file);
                    assertThat(seen).hasSize(size);
                    assertThat(versions).anySatisfy(v -> assertThat(seen).isEqualTo(v));
                    reads++;
                }
                return reads;
            });
            for (Future<?> writer : writers) {
                writer.get();
            }
            done.set(true);
            assertThat(reader.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void createsADirectoryWithAnExactMode() throws IOException {
        Path created = SafeFiles.createDirectory(dir.resolve("ssh"), FileMode.PRIVATE_DIRECTORY);
        assertThat(mode(created)).isEqualTo("rwx------");
        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwxr-xr-x"));
        SafeFiles.createDirectory(created, FileMode.PRIVATE_DIRECTORY);
        assertThat(mode(created)).isEqualTo("rwx------");
    }

    @Test
    void createsMissingParentsWithTheMode() throws IOException {
        Path deep = dir.resolve("a/b/c");
        SafeFiles.createDirectories(deep, FileMode.of(0750));
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwxr-x---");
        assertThat(mode(deep)).isEqualTo("rwxr-x---");
    }

    @Test
    void refusesAPrivateDirectoryThatIsASymlink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("keys"), Files.createDirectory(dir.resolve("real")));
        assertThatThrownBy(() -> SafeFiles.createDirectory(link, FileMode.PRIVATE_DIRECTORY))
                .isInstanceOf(SymlinkRefusedException.class)
                .hasMessageContaining("the directory " + link + " is a symbolic link");
    }

    @Test
    void refusesADirectoryWhereAFileIs() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> SafeFiles.createDirectory(file, FileMode.PUBLIC_DIRECTORY))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": exists and is not a directory");
    }

    @Test
    void appendLineCreatesTheFileWithTheModeAndAppendsLines() throws IOException {
        Path log = dir.resolve("order.json");
        SafeFiles.appendLine(log, "{\"v\":1}".getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
        assertThat(mode(log)).isEqualTo("rw-------");
        SafeFiles.appendLine(log, "{\"v\":2}".getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
        assertThat(Files.readString(log)).isEqualTo("{\"v\":1}\n{\"v\":2}\n");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void appendLineTerminatesALineACrashLeftUnterminated() throws IOException {
        Path log = dir.resolve("authz.json");
        Files.writeString(log, "{\"v\":1}\n{\"v\":");
        SafeFiles.appendLine(log, "{\"v\":3}".getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
        assertThat(Files.readString(log)).isEqualTo("{\"v\":1}\n{\"v\":\n{\"v\":3}\n");
    }

    @Test
    void appendLineRefusesALineFeedAndASymlinkForASecret() throws IOException {
        Path log = dir.resolve("account.json");
        assertThatThrownBy(() -> SafeFiles.appendLine(log, "a\nb".getBytes(StandardCharsets.UTF_8), FileMode.SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line feed");
        assertThat(log).doesNotExist();
        Path elsewhere = dir.resolve("elsewhere");
        Files.writeString(elsewhere, "kept\n");
        Files.createSymbolicLink(log, elsewhere);
        assertThatThrownBy(() -> SafeFiles.appendLine(log, "x".getBytes(StandardCharsets.UTF_8), FileMode.SECRET))
                .isInstanceOf(SymlinkRefusedException.class);
        assertThat(Files.readString(elsewhere)).isEqualTo("kept\n");
    }

    @Test
    void createNewCreatesTheWholeFileOnceAndNeverReplacesOne() throws IOException {
        Path cert = dir.resolve("0A.pem");
        assertThat(SafeFiles.createNew(cert, "first".getBytes(StandardCharsets.UTF_8), FileMode.PUBLIC)).isTrue();
        assertThat(Files.readString(cert)).isEqualTo("first");
        assertThat(mode(cert)).isEqualTo("rw-r--r--");
        assertThat(Files.getAttribute(cert, "unix:nlink")).isEqualTo(1);

        assertThat(SafeFiles.createNew(cert, "second".getBytes(StandardCharsets.UTF_8), FileMode.PUBLIC)).isFalse();
        assertThat(Files.readString(cert)).isEqualTo("first");
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void createNewGivesAFileToExactlyOneOfManyConcurrentCreators() throws Exception {
        Path cert = dir.resolve("0B.pem");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] content = ("creator " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> SafeFiles.createNew(cert, content, FileMode.PUBLIC)));
            }
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(Files.readString(cert)).startsWith("creator ");
            assertThat(tempFiles()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
