package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.lines.LineFile;
import dev.bulwark.ssh.internal.lines.TextFiles;
import dev.bulwark.ssh.cert.SshCertificate;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
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

    /**
     * The CA keys ({@code @cert-authority} lines) trusted to sign host certificates for the host and
     * port; a CA key that a {@code @revoked} line for the host also lists is left out.
     */
    public List<SshPublicKey> certificateAuthorities(String host, int port) {
        List<HostKeyEntry> entries = entriesFor(host, port);
        return entries.stream().filter(e -> e.marker().equals(Optional.of(Marker.CERT_AUTHORITY)))
                .filter(e -> HostCertificates.revocation(entries, e.key()).isEmpty())
                .map(HostKeyEntry::key).collect(Collectors.toUnmodifiableList());
    }

    /**
     * What this file says about {@code key} presented by {@code host} on {@code port}: revoked (a
     * matching {@code @revoked} line for the key, whatever else the file says), a match, a mismatch
     * (the host is listed with other keys only) or unknown. {@code @cert-authority} lines are not
     * host keys and are ignored here (see {@link #certificateAuthorities}). A certificate passed as
     * a key ({@code ssh-ed25519-cert-v01@openssh.com …}) is never trusted through its CA here (use
     * {@link #verify(String, int, SshCertificate, Instant)}): it is revoked when its key or its CA
     * is, and otherwise looked up by the key it certifies, as ssh does when a certificate fails.
     */
    public HostKeyStatus verify(String host, int port, SshPublicKey key) {
        Optional<SshCertificate> certificate = HostCertificates.asCertificate(key);
        if (certificate.isPresent()) {
            Optional<HostKeyEntry> revoked = HostCertificates.revocation(entriesFor(host, port),
                    certificate.get().signatureKey());
            if (revoked.isPresent()) {
                return new HostKeyStatus.Revoked(revoked.get());
            }
            return verifyKey(host, port, certificate.get().publicKey());
        }
        return verifyKey(host, port, key);
    }

    /**
     * What this file says about a host certificate presented by {@code host} on {@code port}, checked
     * at {@code at} as OpenSSH's ssh does: {@link HostKeyStatus.Revoked} when a {@code @revoked} line
     * for the host lists the certified key or the CA (this always wins);
     * {@link HostKeyStatus.Certified} when a {@code @cert-authority} line for the host lists the CA,
     * the signature verifies (never SHA-1), it is a host certificate, its principals name the host
     * (lower-cased, compared exactly; a certificate without principals is valid for every host, as
     * PROTOCOL.certkeys defines), {@code at} lies in its validity window and it has no critical
     * options. Otherwise the certified key is looked up as a plain key (match, mismatch or unknown),
     * as ssh falls back to it; {@link #certificateProblems} says why the certificate did not count.
     */
    public HostKeyStatus verify(String host, int port, SshCertificate certificate, Instant at) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(at, "at");
        List<HostKeyEntry> entries = entriesFor(host, port);
        Optional<HostKeyEntry> revoked = HostCertificates.revocation(entries, certificate.publicKey())
                .or(() -> HostCertificates.revocation(entries, certificate.signatureKey()));
        if (revoked.isPresent()) {
            return new HostKeyStatus.Revoked(revoked.get());
        }
        if (HostCertificates.problems(entries, host, port, certificate, at).isEmpty()) {
            return new HostKeyStatus.Certified(HostCertificates.authority(entries, certificate).orElseThrow());
        }
        return verifyKey(host, port, certificate.publicKey());
    }

    /**
     * Why {@code certificate} does not authenticate {@code host} on {@code port} through this file's
     * {@code @cert-authority} lines at {@code at} (see {@link #verify(String, int, SshCertificate, Instant)}),
     * each as a sentence fragment ({@code "its CA ssh-ed25519 SHA256:… is not trusted for web1"});
     * empty when it does. {@code @revoked} lines are not considered here.
     */
    public List<String> certificateProblems(String host, int port, SshCertificate certificate, Instant at) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(at, "at");
        return List.copyOf(HostCertificates.problems(entriesFor(host, port), host, port, certificate, at));
    }

    private HostKeyStatus verifyKey(String host, int port, SshPublicKey key) {
        List<HostKeyEntry> entries = entriesFor(host, port);
        Optional<HostKeyEntry> revoked = HostCertificates.revocation(entries, key);
        if (revoked.isPresent()) {
            return new HostKeyStatus.Revoked(revoked.get());
        }
        List<HostKeyEntry> plain = new ArrayList<>();
        for (HostKeyEntry entry : entries) {
            if (entry.marker().isEmpty()) {
                if (entry.key().equals(key)) {
                    return new HostKeyStatus.Match(entry);
                }
                plain.add(entry);
            }
        }
        return plain.isEmpty() ? new HostKeyStatus.Unknown() : new HostKeyStatus.Mismatch(plain);
    }

    /**
     * A copy with a plain line {@code host key} (or {@code [host]:port key}) appended, unless the
     * key is already listed for the host. The key's comment is not written. {@code host} is one
     * literal host name or address: pattern characters ({@code * ? [ ] ! , |}), a leading
     * {@code #} or {@code @}, whitespace and control characters are refused, since they would make
     * the line trust other hosts or mean something else; for a pattern use {@link #withEntry}.
     *
     * @throws ValidationException when the host is not literal, the key is a certificate, or a
     *                             {@code @revoked} line revokes the key for the host
     */
    public KnownHosts withHost(String host, int port, SshPublicKey key) {
        return withEntry(host, port, key, HostNames.Patterns.of(host, port));
    }

    /**
     * A copy with a hashed line ({@code |1|salt|hash key}, salt from {@code random}) appended, unless
     * the key is already listed for the host. {@code ssh-keygen -F} finds such lines. {@code host}
     * is checked as in {@link #withHost}.
     *
     * @throws ValidationException when the host is not literal, the key is a certificate, or a
     *                             {@code @revoked} line revokes the key for the host
     */
    public KnownHosts withHashedHost(String host, int port, SshPublicKey key, SecureRandom random) {
        return withEntry(host, port, key, HostNames.Hashed.of(host, port, random));
    }

    /**
     * A copy with {@code entry} appended as it is: the way to write host patterns
     * ({@code HostKeyEntry.of(HostNames.parse("*.example.org,!bad.example.org"), key)}) and
     * {@code @cert-authority} or {@code @revoked} lines.
     */
    public KnownHosts withEntry(HostKeyEntry entry) {
        Objects.requireNonNull(entry, "entry");
        List<KnownHostsLine> copy = new ArrayList<>(lines);
        copy.add(entry);
        return new KnownHosts(source, copy, true);
    }

    private KnownHosts withEntry(String host, int port, SshPublicKey key, HostNames names) {
        if (key.type().endsWith("-cert-v01@openssh.com")) {
            throw new ValidationException("key " + key.type() + " " + key.fingerprintSha256() + " is a certificate;"
                    + " add the key it certifies (SshCertificate.publicKey()), or a @cert-authority line for its CA");
        }
        HostKeyStatus status = verify(host, port, key);
        if (status instanceof HostKeyStatus.Match) {
            return this;
        }
        if (status instanceof HostKeyStatus.Revoked) {
            throw new ValidationException("key " + key.fingerprintSha256() + " is revoked for " + host
                    + " (" + ((HostKeyStatus.Revoked) status).revocation().hosts().render() + "); not adding it");
        }
        return withEntry(HostKeyEntry.of(names, key.withComment("")));
    }

    /**
     * A copy without the unmarked lines that apply to the host and port, as {@code ssh-keygen -R}
     * removes them: a line listing several hosts goes as a whole; {@code @cert-authority} and
     * {@code @revoked} lines stay. {@code host} is checked as in {@link #withHost}.
     */
    public KnownHosts withoutHost(String host, int port) {
        LiteralHost.check(host);
        List<KnownHostsLine> copy = new ArrayList<>(lines);
        copy.removeIf(l -> l instanceof HostKeyEntry && ((HostKeyEntry) l).marker().isEmpty()
                && ((HostKeyEntry) l).matches(host, port));
        return new KnownHosts(source, copy, finalNewline || copy.isEmpty());
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
