package dev.bulwark.examples;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.config.SshdHardening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The secure-baseline kit's front door: writes everything a new server needs into one directory
 * and returns what it wrote ({@link KitResult}). The audit part comes from the target
 * ({@link KitAudit}), never from the machine that runs the kit.
 *
 * <pre>{@code
 * BaselineSpec spec = BaselineSpecParser.read(Path.of("web1.spec"));
 * try (KitResult kit = Kit.generate(spec, Path.of("kit"), KitAudit.none())) {
 *     System.out.println(kit.fileCount() + " files; passphrase: " + new String(kit.passphrase()));
 * }
 * }</pre>
 *
 * Nothing is written when the spec or the target's sshd configuration would lock the admin out (its
 * settings, or sshd listening where the admin does not connect),
 * or the firewall cannot express the spec ({@link ValidationException}), or the directory is not
 * usable ({@link UnusableDirectoryException}).
 */
public final class Kit {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private Kit() {
    }

    /** The output directory cannot be used: it is not a directory, or holds files that are not an earlier kit. */
    public static final class UnusableDirectoryException extends ValidationException {
        private static final long serialVersionUID = 1L;

        UnusableDirectoryException(String message) {
            super(message);
        }
    }

    /**
     * Generates the kit with a new passphrase ({@link #newPassphrase()}), which the result holds.
     *
     * @param out a directory that does not exist, is empty, or holds an earlier kit (then replaced)
     * @throws UnusableDirectoryException when {@code out} is not usable
     * @throws ValidationException when the kit would lock the admin out
     * @throws IOException         when the kit cannot be written
     */
    public static KitResult generate(BaselineSpec spec, Path out, KitAudit audit) throws IOException {
        char[] passphrase = newPassphrase();
        try {
            return generate(spec, "a BaselineSpec", out, audit, passphrase);
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    /**
     * Generates the kit; {@code passphrase} encrypts the admin's key and the CA's key and stays the
     * caller's to wipe (the result holds a copy).
     *
     * @param specSource where the spec came from, for REPORT.md (e.g. its file name)
     * @throws UnusableDirectoryException when {@code out} is not usable
     * @throws ValidationException when the kit would lock the admin out
     * @throws IOException         when the kit cannot be written
     */
    public static KitResult generate(BaselineSpec spec, String specSource, Path out, KitAudit audit, char[] passphrase)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(specSource, "specSource");
        Objects.requireNonNull(audit, "audit");
        checkOut(out);
        List<String> notes = new ArrayList<>();
        SshdConfig current = TargetAudit.sshdConfig(spec, audit, notes);
        SshdHardening.Result hardened = SshKit.harden(spec, current);
        TargetAudit.Facts facts = TargetAudit.read(spec, audit);
        ListenChecks.check(spec, hardened.hardened(), facts, notes);
        AdminPathFirewall.check(spec, hardened.hardened(), facts, notes);
        NetworkKit.check(spec);
        clear(out);
        KitFiles kit = KitFiles.create(out);
        notes.forEach(kit::note);
        SshKit.write(spec, kit, passphrase, hardened, current);
        NetworkKit.write(spec, kit);
        PkiKit.write(spec, kit, passphrase);
        HostKit.writeUpdates(spec, kit);
        TargetAudit.run(spec, audit, facts, kit);
        kit.write(KitFiles.REPORT, KitReport.render(spec, kit, specSource, audit), FileMode.SECRET, "this report");
        return new KitResult(out, walk(out), kit.findings(), kit.targetFindings(), kit.notes(), spec.hostname(),
                audit, passphrase);
    }

    /** 25 characters from a 32-letter alphabet without look-alikes (125 bits), in groups of five. */
    public static char[] newPassphrase() {
        SecureRandom random = new SecureRandom();
        char[] p = new char[29];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 6 == 5 ? '-' : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return p;
    }

    /** Refuses a directory that is neither new, empty nor an earlier kit, so that a typo never overwrites files. */
    private static void checkOut(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnusableDirectoryException(dir + " exists and is not a directory");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.isRegularFile(dir.resolve(KitFiles.MARKER), LinkOption.NOFOLLOW_LINKS)) {
            throw new UnusableDirectoryException(dir + " is not empty and not an earlier kit (no "
                    + KitFiles.MARKER + "); choose a new or empty directory");
        }
    }

    /** Empties an earlier kit (checked by {@link #checkOut}). */
    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Every regular file under {@code dir}, relative, sorted. */
    static List<String> walk(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            return tree.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
