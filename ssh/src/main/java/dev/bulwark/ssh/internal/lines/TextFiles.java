package dev.bulwark.ssh.internal.lines;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;

/** Reads key files as UTF-8 text (refusing, with the line, bytes that are not UTF-8) and writes them safely. Not API. */
public final class TextFiles {

    /** The largest file read (authorized_keys and known_hosts files are far smaller). */
    public static final long MAX_SIZE = 64L * 1024 * 1024;

    private TextFiles() {
    }

    /**
     * The file's text.
     *
     * @throws ParseException when the file is not UTF-8 (so it could not be written back unchanged)
     *                        or larger than {@link #MAX_SIZE}
     */
    public static String readUtf8(Path file) throws IOException {
        return readUtf8(file, MAX_SIZE);
    }

    /**
     * The file's text, refusing files larger than {@code maxSize} bytes.
     *
     * @throws ParseException when the file is not UTF-8 or larger than {@code maxSize}
     */
    public static String readUtf8(Path file, long maxSize) throws IOException {
        if (Files.size(file) > maxSize) {
            throw new ParseException(Position.of(file.toString(), 1), "file is larger than " + maxSize + " bytes");
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            int lineStart = 0;
            int bad = firstInvalid(bytes);
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ParseException(new Position(file.toString(), line, bad - lineStart + 1),
                    "bytes that are not UTF-8; Bulwark edits UTF-8 files only", null, e);
        }
    }

    private static int firstInvalid(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    /**
     * Writes {@code text} as UTF-8 to {@code file} atomically with mode 0600; a missing parent
     * directory is created with mode 0700 (as {@code ~/.ssh} must be), an existing one is left alone.
     */
    public static void writeSecret(Path file, String text) throws IOException {
        writeSecret(file, text, null, null);
    }

    /**
     * Like {@link #writeSecret(Path, String)}; when {@code owner} is not null, the file (and a parent
     * directory created here) then get this owner and {@code group}. Both stay 0600/0700 meanwhile.
     */
    public static void writeSecret(Path file, String text, UserPrincipal owner, GroupPrincipal group)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean created = false;
        if (parent != null && !Files.isDirectory(parent)) {
            SafeFiles.createDirectory(parent, FileMode.PRIVATE_DIRECTORY);
            created = true;
        }
        SafeFiles.writeString(file, text, FileMode.SECRET);
        if (owner != null) {
            chown(file, owner, group);
            if (created) {
                chown(parent, owner, group);
            }
        }
    }

    private static void chown(Path path, UserPrincipal owner, GroupPrincipal group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        if (group != null) {
            view.setGroup(group);
        }
    }
}
