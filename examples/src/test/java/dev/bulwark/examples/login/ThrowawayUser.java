package dev.bulwark.examples.login;

import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An account made for one test ({@code useradd -m}, a random password through {@code chpasswd}),
 * optionally in groups made with it ({@code groupadd}), and deleted with its home and those groups
 * afterwards ({@code userdel -r}, {@code groupdel}). A user or group name that already exists is
 * refused: the test never touches an account or group it did not make.
 */
final class ThrowawayUser implements AutoCloseable {

    private final String name;
    private final String password;
    private final List<String> groups;
    private Path home;

    private ThrowawayUser(String name, String password, List<String> groups) {
        this.name = name;
        this.password = password;
        this.groups = new ArrayList<>(groups.size());
    }

    /** Makes the account {@code name} with the password {@code password}, a member of the new groups {@code groups}. */
    static ThrowawayUser create(String name, String password, List<String> groups) throws IOException {
        for (String g : groups) {
            if (run(List.of(Tools.path("getent"), "group", g), "").exit() == 0) {
                throw new IOException("group " + g + " exists on this machine; the test only uses groups it makes");
            }
        }
        if (run(List.of(Tools.path("getent"), "passwd", name), "").exit() == 0) {
            throw new IOException("user " + name + " exists on this machine; the test only uses accounts it makes");
        }
        ThrowawayUser user = new ThrowawayUser(name, password, groups);
        try {
            for (String g : groups) {
                check(run(List.of(Tools.path("groupadd"), g), ""), "groupadd " + g);
                user.groups.add(g);
            }
            List<String> add = new ArrayList<>(List.of(Tools.path("useradd"), "-m", "-s", "/bin/sh"));
            if (!groups.isEmpty()) {
                add.addAll(List.of("-G", String.join(",", groups)));
            }
            add.add(name);
            check(run(add, ""), "useradd " + name);
            user.home = Path.of(run(List.of(Tools.path("getent"), "passwd", name), "").output().strip().split(":")[5]);
            check(run(List.of(Tools.path("chpasswd")), name + ":" + password + "\n"), "chpasswd " + name);
            return user;
        } catch (IOException | RuntimeException e) {
            try {
                user.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void check(Result r, String what) throws IOException {
        if (r.exit() != 0) {
            throw new IOException(what + " failed: " + r.output());
        }
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
        IOException failed = null;
        if (home != null) {
            Result deleted = run(List.of(Tools.path("userdel"), "-r", name), "");
            if (deleted.exit() != 0 && !deleted.output().contains("mail spool")) {
                failed = new IOException("userdel -r " + name + " failed: " + deleted.output());
            }
        }
        for (String g : groups) {
            Result deleted = run(List.of(Tools.path("groupdel"), g), "");
            if (deleted.exit() != 0 && failed == null) {
                failed = new IOException("groupdel " + g + " failed: " + deleted.output());
            }
        }
        if (failed != null) {
            throw failed;
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
