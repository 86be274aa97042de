package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.lines.LineFile;
import dev.bulwark.ssh.internal.lines.TextFiles;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A known_hosts file: its {@link #lines()} in order, each keeping its original text, so that
 * {@code parse(text).render()} gives {@code text} back unchanged. Immutable; edits return copies.
 *
 * <pre>{@code
 * KnownHosts known = KnownHosts.read(home.resolve(".ssh/known_hosts"));
 * HostKeyStatus status = known.verify("git.example.org", 2222, serverKey);
 * if (status instanceof HostKeyStatus.Unknown) {
 *     known = known.withHashedHost("git.example.org", 2222, serverKey, new SecureRandom());
 * }
 * }</pre>
 *
 * <p>Look-ups follow OpenSSH's hostfile.c: host names compare case-insensitively, a port other
 * than 22 is looked up as {@code [host]:port}, hashed names are matched by HMAC-SHA1, a negated
 * pattern excludes the host from its line, and a {@code @revoked} line for the key always wins.
 */
public final class KnownHosts {

    private final String source;
    private final List<KnownHostsLine> lines;
    private final boolean finalNewline;

    private KnownHosts(String source, List<KnownHostsLine> lines, boolean finalNewline) {
        this.source = source;
        this.lines = List.copyOf(lines);
        this.finalNewline = finalNewline;
    }

    /** An empty file. */
    public static KnownHosts empty() {
        return new KnownHosts(Position.STRING_SOURCE, List.of(), true);
    }

    /** Parses file text strictly; errors name {@code <string>}. */
    public static KnownHosts parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses file text strictly; errors name {@code source}. */
    public static KnownHosts parse(String text, String source) {
        return parse(text, source, null);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<KnownHosts> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses leniently: bad lines are kept as {@link KnownHostsLine.Invalid} and reported. */
    public static ParseResult<KnownHosts> parseLenient(String text, String source) {
        List<ParseException> diagnostics = new ArrayList<>();
        KnownHosts file = parse(text, source, diagnostics);
        return new ParseResult<>(file, diagnostics);
    }

    /** Reads and strictly parses a file (UTF-8). */
    public static KnownHosts read(Path file) throws IOException {
        return parse(TextFiles.readUtf8(file), file.toString());
    }

    /** Reads and leniently parses a file (UTF-8). */
    public static ParseResult<KnownHosts> readLenient(Path file) throws IOException {
        return parseLenient(TextFiles.readUtf8(file), file.toString());
    }

    private static KnownHosts parse(String text, String source, List<ParseException> diagnostics) {
        LineFile<KnownHostsLine> file = LineFile.parse(text, source, KnownHostsLine.Comment::new, HostKeyEntry::parse,
                KnownHostsLine.Invalid::new, diagnostics);
        return new KnownHosts(source, file.lines(), file.finalNewline());
    }

    /**
     * Writes the file atomically with mode 0600 (core's safe writes); a missing parent directory is
     * created with mode 0700, as {@code ~/.ssh} must be, and an existing one is left as it is.
     */
    public void write(Path file) throws IOException {
        TextFiles.writeSecret(file, render());
    }

    /** The name used in positions (the path, or {@code <string>}). */
    public String source() {
        return source;
    }

    /** Every line in order. */
    public List<KnownHostsLine> lines() {
        return lines;
    }

    /** The key lines in order. */
    public List<HostKeyEntry> entries() {
        return lines.stream().filter(HostKeyEntry.class::isInstance).map(HostKeyEntry.class::cast)
                .collect(Collectors.toUnmodifiableList());
    }

    /** The key lines (any marker) that apply to the host and port. */
    public List<HostKeyEntry> entriesFor(String host, int port) {
        return entries().stream().filter(e -> e.matches(host, port)).collect(Collectors.toUnmodifiableList());
    }

    /** The CA keys ({@code @cert-authority} lines) trusted to sign host certificates for the host and port. */
    public List<SshPublicKey> certificateAuthorities(String host, int port) {
        return entriesFor(host, port).stream().filter(e -> e.marker().equals(Optional.of(Marker.CERT_AUTHORITY)))
                .map(HostKeyEntry::key).collect(Collectors.toUnmodifiableList());
    }

    /**
     * What this file says about {@code key} presented by {@code host} on {@code port}: revoked (a
     * matching {@code @revoked} line for the key, whatever else the file says), a match, a mismatch
     * (the host is listed with other keys only) or unknown. {@code @cert-authority} lines are not
     * host keys and are ignored here (see {@link #certificateAuthorities}).
     */
    public HostKeyStatus verify(String host, int port, SshPublicKey key) {
        List<HostKeyEntry> plain = new ArrayList<>();
        for (HostKeyEntry entry : entriesFor(host, port)) {
            Optional<Marker> marker = entry.marker();
            if (marker.isEmpty()) {
                plain.add(entry);
            } else if (marker.get() == Marker.REVOKED && entry.key().equals(key)) {
                return new HostKeyStatus.Revoked(entry);
            }
        }
        for (HostKeyEntry entry : plain) {
            if (entry.key().equals(key)) {
                return new HostKeyStatus.Match(entry);
            }
        }
        return plain.isEmpty() ? new HostKeyStatus.Unknown() : new HostKeyStatus.Mismatch(plain);
    }

    /**
     * A copy with a plain line {@code host key} (or {@code [host]:port key}) appended, unless the
     * key is already listed for the host. The key's comment is not written.
     *
     * @throws ValidationException when a {@code @revoked} line revokes the key for the host
     */
    public KnownHosts withHost(String host, int port, SshPublicKey key) {
        return withEntry(host, port, key, HostNames.Patterns.of(checkHost(host), port));
    }

    /**
     * A copy with a hashed line ({@code |1|salt|hash key}, salt from {@code random}) appended, unless
     * the key is already listed for the host. {@code ssh-keygen -F} finds such lines.
     *
     * @throws ValidationException when a {@code @revoked} line revokes the key for the host
     */
    public KnownHosts withHashedHost(String host, int port, SshPublicKey key, SecureRandom random) {
        return withEntry(host, port, key, HostNames.Hashed.of(checkHost(host), port, random));
    }

    private KnownHosts withEntry(String host, int port, SshPublicKey key, HostNames names) {
        HostKeyStatus status = verify(host, port, key);
        if (status instanceof HostKeyStatus.Match) {
            return this;
        }
        if (status instanceof HostKeyStatus.Revoked) {
            throw new ValidationException("key " + key.fingerprintSha256() + " is revoked for " + host
                    + " (" + ((HostKeyStatus.Revoked) status).revocation().hosts().render() + "); not adding it");
        }
        List<KnownHostsLine> copy = new ArrayList<>(lines);
        copy.add(HostKeyEntry.of(names, key.withComment("")));
        return new KnownHosts(source, copy, true);
    }

    /**
     * A copy without the unmarked lines that apply to the host and port, as {@code ssh-keygen -R}
     * removes them: a line listing several hosts goes as a whole; {@code @cert-authority} and
     * {@code @revoked} lines stay.
     */
    public KnownHosts withoutHost(String host, int port) {
        List<KnownHostsLine> copy = new ArrayList<>(lines);
        copy.removeIf(l -> l instanceof HostKeyEntry && ((HostKeyEntry) l).marker().isEmpty()
                && ((HostKeyEntry) l).matches(host, port));
        return new KnownHosts(source, copy, finalNewline || copy.isEmpty());
    }

    private static String checkHost(String host) {
        Objects.requireNonNull(host, "host");
        new HostPattern(host, false);
        return host;
    }

    /** The file text: each line's text, joined by line feeds (a final one when the input had it). */
    public String render() {
        return LineFile.render(lines, KnownHostsLine::text, finalNewline);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnownHosts && ((KnownHosts) o).render().equals(render());
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }

    /** The source and a count of entries and lines. */
    @Override
    public String toString() {
        return source + ": " + entries().size() + " keys in " + lines.size() + " lines";
    }
}
