package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.ssh.internal.lines.LineFile;
import dev.bulwark.ssh.internal.lines.TextFiles;
import dev.bulwark.ssh.key.SshPublicKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An authorized_keys file: its {@link #lines()} in order, each keeping its original text, so that
 * {@code parse(text).render()} gives {@code text} back unchanged. Immutable; edits return copies
 * that change only the lines they touch.
 *
 * <pre>{@code
 * AuthorizedKeys file = AuthorizedKeys.read(home.resolve(".ssh/authorized_keys"));
 * file.withKey(SshPublicKey.parse(newKeyLine))
 *     .withoutComment("old-laptop")
 *     .write(home.resolve(".ssh/authorized_keys"));   // 0600, atomic; a missing ~/.ssh is created 0700
 * }</pre>
 *
 * <p>{@link #parse(String)} is strict (the first bad line throws a positioned
 * {@link ParseException}); {@link #parseLenient(String, String)} keeps bad lines as
 * {@link AuthorizedKeysLine.Invalid} and reports them.
 */
public final class AuthorizedKeys {

    private final String source;
    private final List<AuthorizedKeysLine> lines;
    private final boolean finalNewline;

    private AuthorizedKeys(String source, List<AuthorizedKeysLine> lines, boolean finalNewline) {
        this.source = source;
        this.lines = List.copyOf(lines);
        this.finalNewline = finalNewline;
    }

    /** An empty file. */
    public static AuthorizedKeys empty() {
        return new AuthorizedKeys(Position.STRING_SOURCE, List.of(), true);
    }

    /** A file of these lines, each ending with a line feed. */
    public static AuthorizedKeys of(List<? extends AuthorizedKeysLine> lines) {
        return new AuthorizedKeys(Position.STRING_SOURCE, new ArrayList<>(lines), true);
    }

    /** Parses file text strictly; errors name {@code <string>}. */
    public static AuthorizedKeys parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses file text strictly; errors name {@code source}. */
    public static AuthorizedKeys parse(String text, String source) {
        return parse(text, source, null);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<AuthorizedKeys> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses file text leniently: bad lines are kept as {@link AuthorizedKeysLine.Invalid} and reported. */
    public static ParseResult<AuthorizedKeys> parseLenient(String text, String source) {
        List<ParseException> diagnostics = new ArrayList<>();
        AuthorizedKeys file = parse(text, source, diagnostics);
        return new ParseResult<>(file, diagnostics);
    }

    private static AuthorizedKeys parse(String text, String source, List<ParseException> diagnostics) {
        LineFile<AuthorizedKeysLine> file = LineFile.parse(text, source, AuthorizedKeysLine.Comment::new,
                AuthorizedKey::parse, AuthorizedKeysLine.Invalid::new, diagnostics);
        return new AuthorizedKeys(source, file.lines(), file.finalNewline());
    }

    /** Reads and strictly parses a file (UTF-8). */
    public static AuthorizedKeys read(Path file) throws IOException {
        return parse(TextFiles.readUtf8(file), file.toString());
    }

    /** Reads and leniently parses a file (UTF-8). */
    public static ParseResult<AuthorizedKeys> readLenient(Path file) throws IOException {
        return parseLenient(TextFiles.readUtf8(file), file.toString());
    }

    /**
     * Writes the file atomically with mode 0600 (core's safe writes); a missing parent directory is
     * created with mode 0700, as {@code ~/.ssh} must be, and an existing one is left as it is.
     */
    public void write(Path file) throws IOException {
        TextFiles.writeSecret(file, render());
    }

    /**
     * Like {@link #write(Path)}, then gives the file (and a parent directory created here) to
     * {@code owner} and {@code group}: for root writing a user's {@code ~/.ssh/authorized_keys}, so
     * that the user can still read and edit it. Look the principals up with
     * {@code file.getFileSystem().getUserPrincipalLookupService()}.
     */
    public void write(Path file, UserPrincipal owner, GroupPrincipal group) throws IOException {
        TextFiles.writeSecret(file, render(), Objects.requireNonNull(owner, "owner"), Objects.requireNonNull(group, "group"));
    }

    /** The name used in positions and findings (the path, or {@code <string>}). */
    public String source() {
        return source;
    }

    /** Every line in order: keys, comments, blank and invalid lines. */
    public List<AuthorizedKeysLine> lines() {
        return lines;
    }

    /**
     * The key lines that authorize a key, in order: every key line but those sshd skips for an option
     * it does not know ({@link AuthorizedKey#isIgnoredBySshd()}, listed by {@link #ignoredKeys()}).
     */
    public List<AuthorizedKey> keys() {
        return keyLines().filter(k -> !k.isIgnoredBySshd()).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The key lines sshd skips because an option is one it does not know: they grant nothing, and
     * the audit reports each ({@code ssh.authorized-keys.unknown-option}).
     */
    public List<AuthorizedKey> ignoredKeys() {
        return keyLines().filter(AuthorizedKey::isIgnoredBySshd).collect(Collectors.toUnmodifiableList());
    }

    private java.util.stream.Stream<AuthorizedKey> keyLines() {
        return lines.stream().filter(AuthorizedKey.class::isInstance).map(AuthorizedKey.class::cast);
    }

    /** The first line that authorizes this key (compared by key blob; see {@link #keys()}), if any. */
    public Optional<AuthorizedKey> find(SshPublicKey key) {
        return keys().stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /** A copy with {@code key} appended without options, unless the key (by blob) is already present. */
    public AuthorizedKeys withKey(SshPublicKey key) {
        return withKey(AuthorizedKey.of(key));
    }

    /** A copy with {@code entry} appended, unless its key (by blob) is already present. */
    public AuthorizedKeys withKey(AuthorizedKey entry) {
        if (find(entry.key()).isPresent()) {
            return this;
        }
        List<AuthorizedKeysLine> copy = new ArrayList<>(lines);
        copy.add(entry);
        return new AuthorizedKeys(source, copy, true);
    }

    /**
     * A copy without the keys whose fingerprint is {@code fingerprint} ({@code SHA256:...} or
     * {@code MD5:...}, as {@code ssh-keygen -l} prints them).
     */
    public AuthorizedKeys withoutFingerprint(String fingerprint) {
        return without(k -> k.key().fingerprintSha256().equals(fingerprint)
                || k.key().fingerprintMd5().equalsIgnoreCase(fingerprint));
    }

    /** A copy without the keys whose comment is exactly {@code comment}. */
    public AuthorizedKeys withoutComment(String comment) {
        return without(k -> k.comment().equals(comment));
    }

    /** A copy without the entries for this key (compared by blob). */
    public AuthorizedKeys without(SshPublicKey key) {
        return without(k -> k.key().equals(key));
    }

    private AuthorizedKeys without(Predicate<AuthorizedKey> doomed) {
        List<AuthorizedKeysLine> copy = new ArrayList<>(lines);
        copy.removeIf(l -> l instanceof AuthorizedKey && doomed.test((AuthorizedKey) l));
        return new AuthorizedKeys(source, copy, finalNewline || copy.isEmpty());
    }

    /**
     * A copy where every entry for {@code key} (compared by blob) has these options, lines that sshd
     * ignores included (so that a line with a mistyped option can be mended).
     *
     * @throws ValidationException when the file has no entry for the key
     */
    public AuthorizedKeys withOptions(SshPublicKey key, AuthorizedKeyOptions options) {
        if (keyLines().noneMatch(k -> k.key().equals(key))) {
            throw new ValidationException("no entry for key " + key.fingerprintSha256() + " to set options on");
        }
        List<AuthorizedKeysLine> copy = new ArrayList<>(lines);
        copy.replaceAll(l -> l instanceof AuthorizedKey && ((AuthorizedKey) l).key().equals(key)
                ? ((AuthorizedKey) l).withOptions(options) : l);
        return new AuthorizedKeys(source, copy, finalNewline);
    }

    /** Audits the file against {@code policy}; expiry times are judged by the system clock and zone. */
    public List<Finding> audit(AuthorizedKeysPolicy policy) {
        return audit(policy, Clock.systemDefaultZone());
    }

    /**
     * Audits the file against {@code policy}; {@code expiry-time} options are judged at
     * {@code clock.instant()}, times without {@code Z} read in {@code clock}'s zone (the server's).
     */
    public List<Finding> audit(AuthorizedKeysPolicy policy, Clock clock) {
        return AuthorizedKeysAudit.audit(this, policy, clock);
    }

    /** The file text: each line's text, joined by line feeds (a final one when the input had it). */
    public String render() {
        return LineFile.render(lines, AuthorizedKeysLine::text, finalNewline);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizedKeys && ((AuthorizedKeys) o).render().equals(render());
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }

    /** The source and a count of keys and lines. */
    @Override
    public String toString() {
        return source + ": " + keys().size() + " keys in " + lines.size() + " lines";
    }
}
