package dev.bulwark.examples;

import dev.bulwark.core.audit.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Kit#generate} wrote: the directory, every file in it (counted by walking it after
 * the last write), the findings that remain in the kit's own files, the findings on the target
 * (empty when it was not audited) and the notes of REPORT.md. It holds the generated passphrase of
 * the admin's key, which comes out only through {@link #passphrase()} and is wiped by {@link #close()};
 * {@code toString()} never shows it.
 */
public final class KitResult implements AutoCloseable {

    private final Path directory;
    private final List<String> files;
    private final List<Finding> kitFindings;
    private final List<Finding> targetFindings;
    private final List<String> notes;
    private final String target;
    private final KitAudit audit;
    private final char[] passphrase;

    KitResult(Path directory, List<String> files, List<Finding> kitFindings, List<Finding> targetFindings,
            List<String> notes, String target, KitAudit audit, char[] passphrase) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.files = List.copyOf(files);
        this.kitFindings = List.copyOf(kitFindings);
        this.targetFindings = List.copyOf(targetFindings);
        this.notes = List.copyOf(notes);
        this.target = Objects.requireNonNull(target, "target");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.passphrase = passphrase.clone();
    }

    /** The kit's directory. */
    public Path directory() {
        return directory;
    }

    /** Every regular file in the kit, relative to its directory with '/' separators, sorted. */
    public List<String> files() {
        return files;
    }

    /** How many files the kit holds: {@code files().size()}. */
    public int fileCount() {
        return files.size();
    }

    /** Findings about the kit's own files (e.g. firewall warnings, what the hardened sshd_config cannot fix). */
    public List<Finding> kitFindings() {
        return kitFindings;
    }

    /** Findings on the target server as audited; empty when {@link #audited()} is false. */
    public List<Finding> targetFindings() {
        return targetFindings;
    }

    /** Both lists, the kit's first. */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(kitFindings);
        all.addAll(targetFindings);
        return List.copyOf(all);
    }

    /** The notes of REPORT.md (what could not be read, what the kit decided for you). */
    public List<String> notes() {
        return notes;
    }

    /** The target's name (the spec's host). */
    public String target() {
        return target;
    }

    /** Where the audit came from. */
    public KitAudit audit() {
        return audit;
    }

    /** Whether the target was audited. */
    public boolean audited() {
        return !(audit instanceof KitAudit.None);
    }

    /** A copy of the passphrase of {@code ssh/id_ed25519} (the caller wipes it); blank after {@link #close()}. */
    public char[] passphrase() {
        return passphrase.clone();
    }

    /** Wipes the passphrase. */
    @Override
    public void close() {
        Arrays.fill(passphrase, '\0');
    }

    @Override
    public String toString() {
        return "KitResult[" + directory + ", " + files.size() + " files, kit findings " + kitFindings.size()
                + ", " + target + " " + audit.description() + ": " + targetFindings.size() + " findings, passphrase [redacted]]";
    }
}
