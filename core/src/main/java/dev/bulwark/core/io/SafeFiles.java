package dev.bulwark.core.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic, permission-safe file writes.
 *
 * <p>A write creates a temporary file in the target's directory with {@code O_EXCL} and the final
 * mode (the mode is made exact while the file is still empty, whatever the umask), streams the
 * content, fsyncs it, renames it over the target and fsyncs the directory. Readers see the old file
 * or the new one, never a torn one; on any failure the temporary file is removed and the old file
 * is left as it was. A secret therefore never exists on disk under a looser mode.
 *
 * <p>For owner-only modes ({@link FileMode#isOwnerOnly()}, such as {@link FileMode#SECRET}) a
 * symbolic link at the target or as its parent directory is refused with a
 * {@link SymlinkRefusedException}. For other modes a symbolic link at the target is followed: the
 * file it points to is replaced and the link stays.
 *
 * <pre>{@code
 * SafeFiles.createDirectories(dir, FileMode.PRIVATE_DIRECTORY);
 * SafeFiles.writeString(dir.resolve("PASSPHRASE"), passphrase, FileMode.SECRET);
 * }</pre>
 */
public final class SafeFiles {

    private static final int MAX_LINKS = 40;
    private static final int MAX_TEMP_ATTEMPTS = 100;

    private SafeFiles() {
    }

    /**
     * Atomically replaces (or creates) {@code target} with {@code content}, created with {@code mode}.
     *
     * @throws SymlinkRefusedException for an owner-only mode and a symbolic link at the target or parent
     * @throws IOException              when writing fails; the old file is then intact
     */
    public static void write(Path target, byte[] content, FileMode mode) throws IOException {
        Objects.requireNonNull(content, "content");
        write(target, mode, out -> out.write(content));
    }

    /** Like {@link #write(Path, byte[], FileMode)} with {@code content} encoded as UTF-8. */
    public static void writeString(Path target, String content, FileMode mode) throws IOException {
        Objects.requireNonNull(content, "content");
        write(target, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code content} streams, created with
     * {@code mode}. If {@code content} throws, nothing changes.
     *
     * @throws SymlinkRefusedException for an owner-only mode and a symbolic link at the target or parent
     * @throws IOException              when writing fails; the old file is then intact
     */
    public static void write(Path target, FileMode mode, FileContent content) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(content, "content");
        Path destination = destination(target.toAbsolutePath(), mode);
        Path directory = destination.getParent();
        Temp temp = createTemp(directory, destination.getFileName().toString(), mode);
        try {
            try (FileChannel channel = temp.channel()) {
                fill(channel, content);
            }
            Files.move(temp.path(), destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp.path());
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(directory);
    }

    /**
     * Creates {@code target} with {@code content} only if no file of that name exists, atomically and
     * durably: readers see no file or the whole file, never a part. The content is written to a
     * temporary file and fsynced, then hard-linked to {@code target} (which fails when it exists,
     * whoever created it, in any process) and the directory fsynced. Unlike a rename, which would
     * replace a file that appeared meanwhile, the link never overwrites; and no inode is freed on
     * the way (creating an empty placeholder first and renaming over it frees one per file).
     *
     * @return whether {@code target} was created; {@code false} when it exists, nothing changed then
     * @throws SymlinkRefusedException for an owner-only mode and a symbolic link at the target or parent
     * @throws IOException              when writing fails, or the file system has no hard links
     */
    public static boolean createNew(Path target, byte[] content, FileMode mode) throws IOException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(mode, "mode");
        Path destination = destination(target.toAbsolutePath(), mode);
        Path directory = destination.getParent();
        Temp temp = createTemp(directory, destination.getFileName().toString(), mode);
        try {
            try (FileChannel channel = temp.channel()) {
                fill(channel, out -> out.write(content));
            }
            try {
                Files.createLink(destination, temp.path());
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                throw new FileSystemException(destination.toString(), null, "the file system has no hard links");
            }
        } finally {
            Files.deleteIfExists(temp.path());
        }
        syncDirectory(directory);
        return true;
    }

    /**
     * Appends one line to {@code target} and fsyncs it: the durable update of a file that keeps
     * one record per line, where the last complete line is the current one. Cheaper than
     * {@link #write}: no temporary file, no rename, and the directory is synced only when the file
     * is created (then with exactly {@code mode}, as {@link #write} does). A crash leaves at worst an
     * unterminated last line, which readers must ignore; the next append terminates it first, so it
     * never merges with the new line. Appends to one file must not run concurrently (callers
     * serialize them, across processes too); readers need no lock.
     *
     * @throws IllegalArgumentException when {@code line} holds a line feed
     * @throws SymlinkRefusedException  for an owner-only mode and a symbolic link at the target or parent
     * @throws IOException              when writing fails; the lines before are intact
     */
    public static void appendLine(Path target, byte[] line, FileMode mode) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(mode, "mode");
        for (byte b : line) {
            if (b == '\n') {
                throw new IllegalArgumentException("a line to append holds a line feed");
            }
        }
        Path destination = destination(target.toAbsolutePath(), mode);
        boolean created = false;
        FileChannel channel;
        try {
            channel = openNew(destination, mode, StandardOpenOption.READ);
            created = true;
        } catch (FileAlreadyExistsException e) {
            channel = FileChannel.open(destination, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
        try (FileChannel open = channel) {
            long size = open.size();
            boolean terminate = false;
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                open.read(last, size - 1);
                terminate = last.get(0) != '\n';
            }
            ByteBuffer out = ByteBuffer.allocate(line.length + (terminate ? 2 : 1));
            if (terminate) {
                out.put((byte) '\n');
            }
            out.put(line).put((byte) '\n').flip();
            while (out.hasRemaining()) {
                open.write(out, size + out.position());
            }
            open.force(false);
        }
        if (created) {
            syncDirectory(destination.getParent());
        }
    }

    /**
     * Makes {@code dir} a directory with exactly {@code mode}: creates it with that mode (its parent
     * must exist; the parent is then fsynced), or sets the mode of an existing directory.
     *
     * @return {@code dir}
     * @throws SymlinkRefusedException for an owner-only mode when {@code dir} is a symbolic link
     * @throws IOException             when {@code dir} exists as a non-directory, or on I/O failure
     */
    public static Path createDirectory(Path dir, FileMode mode) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(mode, "mode");
        boolean link = Files.isSymbolicLink(dir);
        if (link && mode.isOwnerOnly()) {
            throw new SymlinkRefusedException(dir, "the directory");
        }
        boolean created = false;
        try {
            Files.createDirectory(dir, attribute(mode));
            created = true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw new FileSystemException(dir.toString(), null, "exists and is not a directory");
            }
        }
        if (link) {
            Files.setPosixFilePermissions(dir, mode.toPermissions());
        } else {
            setExactMode(dir, mode);
        }
        if (created) {
            // the new directory's entry is durable too, so a file synced into it is never lost with it
            syncDirectory(dir.toAbsolutePath().getParent());
        }
        return dir;
    }

    /**
     * Like {@link #createDirectory(Path, FileMode)}, first creating missing parents, each with
     * {@code mode}; existing parents are left alone.
     *
     * @return {@code dir}
     */
    public static Path createDirectories(Path dir, FileMode mode) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent, mode);
        }
        return createDirectory(dir, mode);
    }

    private static Path destination(Path target, FileMode mode) throws IOException {
        Path current = target;
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(current); i++) {
            if (mode.isOwnerOnly()) {
                throw new SymlinkRefusedException(current, "the target");
            }
            Path parent = current.getParent();
            current = parent.resolve(Files.readSymbolicLink(current)).normalize();
        }
        if (Files.isSymbolicLink(current)) {
            throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
        }
        Path parent = current.getParent();
        if (parent == null) {
            throw new FileSystemException(target.toString(), null, "is not a file in a directory");
        }
        if (mode.isOwnerOnly() && Files.isSymbolicLink(parent)) {
            throw new SymlinkRefusedException(parent, "the parent directory");
        }
        return current;
    }

    private static Temp createTemp(Path directory, String name, FileMode mode) throws IOException {
        String stem = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
        for (int attempt = 0; ; attempt++) {
            Path path = directory.resolve(stem + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return new Temp(path, openNew(path, mode));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= MAX_TEMP_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Creates {@code path} ({@code O_EXCL}, no symbolic link followed) for writing, with exactly
     * {@code mode}: the umask may have cleared bits of the creation mode, so the mode is made exact
     * while the file is still empty (and the file removed if that fails).
     *
     * @throws FileAlreadyExistsException when {@code path} exists
     */
    private static FileChannel openNew(Path path, FileMode mode, OpenOption... more) throws IOException {
        Set<OpenOption> options = new java.util.HashSet<>(Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS));
        options.addAll(java.util.Arrays.asList(more));
        FileChannel channel = FileChannel.open(path, options, attribute(mode));
        try {
            setExactMode(path, mode);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return channel;
    }

    private static void fill(FileChannel channel, FileContent content) throws IOException {
        OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(new FilterOutputStream(buffered) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
        buffered.flush();
        channel.force(true);
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void setExactMode(Path path, FileMode mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new FileSystemException(path.toString(), null, "the file system has no POSIX permissions");
        }
        view.setPermissions(mode.toPermissions());
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(FileMode mode) {
        return PosixFilePermissions.asFileAttribute(mode.toPermissions());
    }

    private record Temp(Path path, FileChannel channel) {
    }
}
