package dev.bulwark.ssh.remote;

import dev.bulwark.core.io.FileMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode.Type;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

/** SFTP file operations of a {@link RemoteHost}. Not API. */
final class RemoteFiles {

    private static final String POSIX_RENAME = "posix-rename@openssh.com";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RemoteHost host;

    RemoteFiles(RemoteHost host) {
        this.host = host;
    }

    private interface SftpTask<T> {
        T run(SFTPClient sftp) throws IOException;
    }

    private <T> T withSftp(String what, SftpTask<T> task) throws IOException {
        host.acquire(host.options().commandTimeout(), List.of("sftp", what));
        try (SFTPClient sftp = host.client().newSFTPClient()) {
            sftp.getSFTPEngine().setTimeoutMs((int) Math.min(Integer.MAX_VALUE, host.options().commandTimeout().toMillis()));
            return task.run(sftp);
        } finally {
            host.release();
        }
    }

    byte[] read(Path path) throws IOException {
        String p = absolute(path);
        return withSftp("read " + p, sftp -> {
            try (RemoteFile file = sftp.open(p, EnumSet.of(OpenMode.READ))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[32 * 1024];
                long offset = 0;
                for (int n; (n = file.read(offset, buf, 0, buf.length)) > 0; ) {
                    out.write(buf, 0, n);
                    offset += n;
                }
                return out.toByteArray();
            } catch (SFTPException e) {
                throw translate(e, p);
            }
        });
    }

    boolean exists(Path path) throws IOException {
        String p = absolute(path);
        return withSftp("stat " + p, sftp -> sftp.statExistence(p) != null);
    }

    void write(Path path, byte[] content, FileMode mode, Optional<String> owner) throws IOException {
        String p = absolute(path);
        byte[] data = content.clone();
        Optional<int[]> ids = owner.isPresent() ? Optional.of(ids(owner.get())) : Optional.empty();
        Path parent = path.getParent() == null ? Path.of("/") : path.getParent();
        String temp = parent.resolve("." + path.getFileName() + ".bulwark-" + HexFormat.of().formatHex(nonce()) + ".tmp")
                .toString();
        withSftp("write " + p, sftp -> {
            if (mode.isOwnerOnly()) {
                FileAttributes existing = sftp.statExistence(p) == null ? null : sftp.lstat(p);
                if (existing != null && existing.getType() == Type.SYMLINK) {
                    throw new IOException("refusing to replace symbolic link " + p + " with an owner-only file");
                }
            }
            boolean renamed = false;
            try {
                FileAttributes attrs = new FileAttributes.Builder().withPermissions(mode.bits()).build();
                try (RemoteFile file = sftp.open(temp, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), attrs)) {
                    file.setAttributes(attrs);
                    int offset = 0;
                    while (offset < data.length) {
                        int n = Math.min(32 * 1024, data.length - offset);
                        file.write(offset, data, offset, n);
                        offset += n;
                    }
                }
                if (ids.isPresent()) {
                    sftp.setattr(temp, new FileAttributes.Builder().withUIDGID(ids.get()[0], ids.get()[1]).build());
                }
                rename(sftp, temp, p);
                renamed = true;
            } catch (SFTPException e) {
                throw translate(e, p);
            } finally {
                if (!renamed) {
                    try {
                        sftp.rm(temp);
                    } catch (IOException ignored) {
                        // it may not exist
                    }
                }
            }
            return null;
        });
    }

    private void rename(SFTPClient sftp, String from, String to) throws IOException {
        if (!sftp.getSFTPEngine().supportsServerExtension("posix-rename", "openssh.com")) {
            throw new IOException("the SFTP server of " + host.name() + " lacks " + POSIX_RENAME
                    + ", so files cannot be replaced atomically");
        }
        Response response = sftp.getSFTPEngine().request(sftp.getSFTPEngine().newExtendedRequest(POSIX_RENAME)
                .putString(from).putString(to))
                .retrieve(host.options().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        response.ensureStatusPacketIsOK();
    }

    /** {@code owner} when it is a user name (letters, digits, {@code ._-}, not starting with {@code -}). */
    static String checkOwner(String owner) {
        if (!owner.matches("[A-Za-z0-9._][A-Za-z0-9._\\-]*\\$?")) {
            throw new IllegalArgumentException("owner must be a user name");
        }
        return owner;
    }

    private int[] ids(String owner) throws IOException {
        checkOwner(owner);
        String out = host.run(List.of("id", "-u", owner), host.options().commandTimeout()).requireSuccess().stdout().strip();
        String group = host.run(List.of("id", "-g", owner), host.options().commandTimeout()).requireSuccess().stdout().strip();
        try {
            return new int[] {Integer.parseInt(out), Integer.parseInt(group)};
        } catch (NumberFormatException e) {
            throw new IOException("'id' on " + host.name() + " printed no numeric id for " + owner, e);
        }
    }

    private static byte[] nonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private static IOException translate(SFTPException e, String path) {
        if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
            NoSuchFileException n = new NoSuchFileException(path);
            n.initCause(e);
            return n;
        }
        return new IOException(path + ": " + e.getMessage(), e);
    }

    static String absolute(Path path) {
        String p = path.toString();
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("remote paths must be absolute, not '" + p + "'");
        }
        return p;
    }
}
