package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.internal.lines.KeyField;
import dev.bulwark.ssh.key.KeyAlgorithm;
import dev.bulwark.ssh.key.SshPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A key line of an authorized_keys file: {@link #options()}, the {@link #key()} and its comment.
 * Keeps the line's original {@link #text()}; the {@code with...} methods return copies whose text
 * is rendered afresh ({@code options keytype base64 comment}).
 *
 * <pre>{@code
 * AuthorizedKey entry = AuthorizedKey.of(key)
 *         .withOptions(AuthorizedKeyOptions.of(KeyFlag.RESTRICT).with(new From(List.of("10.0.0.0/8"))));
 * entry.text(); // restrict,from="10.0.0.0/8" ssh-ed25519 AAAA... alice@laptop
 * }</pre>
 */
public final class AuthorizedKey implements AuthorizedKeysLine {

    private final String text;
    private final AuthorizedKeyOptions options;
    private final SshPublicKey key;

    private AuthorizedKey(String text, AuthorizedKeyOptions options, SshPublicKey key) {
        this.text = text;
        this.options = options;
        this.key = key;
    }

    /** An entry for {@code key} without options; the key's comment becomes the line's comment. */
    public static AuthorizedKey of(SshPublicKey key) {
        return of(AuthorizedKeyOptions.NONE, key);
    }

    /** An entry for {@code key} with {@code options}; the key's comment becomes the line's comment. */
    public static AuthorizedKey of(AuthorizedKeyOptions options, SshPublicKey key) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(key, "key");
        String rendered = options.isEmpty() ? key.toOpenSsh() : options.render() + " " + key.toOpenSsh();
        return new AuthorizedKey(rendered, options, key);
    }

    /**
     * Parses one key line ({@code [options] keytype base64 [comment]}).
     *
     * @throws ParseException positioned at the option or field at fault
     */
    public static AuthorizedKey parse(String line) {
        return parse(line, Position.STRING_SOURCE, 1);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<AuthorizedKey> tryParse(String line) {
        try {
            return Optional.of(parse(line));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses a key line that is line {@code lineNumber} of {@code source}. */
    static AuthorizedKey parse(String line, String source, int lineNumber) {
        if (line.indexOf('\n') >= 0) {
            throw new ParseException(new Position(source, lineNumber, line.indexOf('\n') + 1),
                    "a key line must not contain a line feed", null);
        }
        String body = KeyField.body(line);
        int start = KeyField.skipBlanks(body, 0);
        if (start == body.length() || body.charAt(start) == '#') {
            throw new ParseException(new Position(source, lineNumber, start + 1), "not a key line (blank or comment)", null);
        }
        AuthorizedKeyOptions options = AuthorizedKeyOptions.NONE;
        int keyStart = start;
        String first = body.substring(start, KeyField.tokenEnd(body, start));
        if (KeyAlgorithm.forWireName(first).isEmpty() && !KeyField.startsWithKey(body, start)) {
            int end = OptionsParser.endOfOptions(body, start);
            if (end < 0) {
                throw new ParseException(new Position(source, lineNumber, start + 1),
                        "unterminated quote in key options", null);
            }
            options = OptionsParser.parse(body.substring(start, end), new Position(source, lineNumber, start + 1));
            keyStart = KeyField.skipBlanks(body, end);
            if (keyStart == body.length()) {
                throw new ParseException(new Position(source, lineNumber, start + 1),
                        "no key after the options (or an unknown key type)", null);
            }
        }
        SshPublicKey key;
        try {
            key = KeyField.parse(body, keyStart, source, lineNumber);
        } catch (ParseException e) {
            if (!options.isEmpty() && options.unknown().size() == options.asList().size()) {
                throw new ParseException(new Position(source, lineNumber, start + 1),
                        "the line starts with neither a key nor a known option", first, e);
            }
            throw e;
        }
        return new AuthorizedKey(line, options, key);
    }

    /** The line as read, or as rendered for entries built or edited here (without line feed). */
    @Override
    public String text() {
        return text;
    }

    /** The options field ({@link AuthorizedKeyOptions#NONE} when absent). */
    public AuthorizedKeyOptions options() {
        return options;
    }

    /**
     * Whether sshd skips this line: it has an option sshd does not know ({@link AuthorizedKeyOptions#unknown()}),
     * and OpenSSH's {@code sshauthopt_parse} then rejects the whole line ("bad key options: unknown key
     * option"), so the key grants nothing through it.
     */
    public boolean isIgnoredBySshd() {
        return !options.unknown().isEmpty();
    }

    /** The key, carrying the line's comment. */
    public SshPublicKey key() {
        return key;
    }

    /** The comment after the key; empty when there is none. */
    public String comment() {
        return key.comment();
    }

    /** A copy with these options (text rendered afresh). */
    public AuthorizedKey withOptions(AuthorizedKeyOptions newOptions) {
        return of(newOptions, key);
    }

    /** A copy with this comment (text rendered afresh). */
    public AuthorizedKey withComment(String newComment) {
        return of(options, key.withComment(newComment));
    }

    /** Equal when the line texts are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizedKey && ((AuthorizedKey) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Options, key type, SHA-256 fingerprint and comment (not the base64). */
    @Override
    public String toString() {
        return options.isEmpty() ? key.toString() : options + " " + key;
    }
}
