package dev.bulwark.examples.login;

import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An account made for one test ({@code useradd -m}, a random password through {@code chpasswd})
 * and deleted with its home afterwards ({@code userdel -r}). A name that already exists is refused:
 * the test never touches an account it did not make.
 */
final class ThrowawayUser implements AutoCloseable {

    private final String name;
    private final String password;
    private final Path home;

    private ThrowawayUser(String name, String password, Path home) {
        this.name = name;
        this.password = password;
        this.home = home;
    }

    /** Makes the account {@code name} with the password {@code password}. */
    static ThrowawayUser create(String name, String password) throws IOException {
        if (run(List.of(Tools.path("getent"), "passwd", name), "").exit() == 0) {
            throw new IOException("user " + name + " exists on this machine; the test only uses accounts it makes");
        }
        Result added = run(List.of(Tools.path("useradd"), "-m", "-s", "/bin/sh", name), "");
        if (added.exit() != 0) {
            throw new IOException("useradd " + name + " failed: " + added.output());
        }
        ThrowawayUser user = new ThrowawayUser(name, password, Path.of(run(List.of(Tools.path("getent"), "passwd", name),
                "").output().strip().split(":")[5]));
        Result set = run(List.of(Tools.path("chpasswd")), name + ":" + password + "\n");
        if (set.exit() != 0) {
            user.close();
            throw new IOException("chpasswd " + name + " failed: " + set.output());
        }
        return user;
    }

    String name() {
        return name;
    }

    String password() {
        return password;
    }

    /** Installs {@code text} as {@code ~/.ssh/authorized_keys} the way sshd's StrictModes wants it (0700, 0600, owned). */
    void authorizedKeys(String text) throws IOException {
        Path ssh = home.resolve(".ssh");
        Files.createDirectories(ssh);
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        Path keys = ssh.resolve("authorized_keys");
        Files.writeString(keys, text);
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Result owned = run(List.of(Tools.path("chown"), "-R", name + ":", ssh.toString()), "");
        if (owned.exit() != 0) {
            throw new IOException("chown " + ssh + " failed: " + owned.output());
        }
    }

    @Override
    public void close() throws IOException {
        Result deleted = run(List.of(Tools.path("userdel"), "-r", name), "");
        if (deleted.exit() != 0 && !deleted.output().contains("mail spool")) {
            throw new IOException("userdel -r " + name + " failed: " + deleted.output());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String stdin) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), out);
    }
}
