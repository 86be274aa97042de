package dev.bulwark.ssh.knownhosts;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.internal.lines.KeyField;
import dev.bulwark.ssh.key.SshPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A key line of a known_hosts file: optional {@link Marker}, {@link HostNames}, key and comment.
 * Keeps the line's original {@link #text()}; entries built with {@link #of} are rendered afresh.
 */
public final class HostKeyEntry implements KnownHostsLine {

    private final String text;
    private final Marker marker;
    private final HostNames hosts;
    private final SshPublicKey key;

    private HostKeyEntry(String text, Marker marker, HostNames hosts, SshPublicKey key) {
        this.text = text;
        this.marker = marker;
        this.hosts = hosts;
        this.key = key;
    }

    /** An unmarked entry; the key's comment becomes the line's comment. */
    public static HostKeyEntry of(HostNames hosts, SshPublicKey key) {
        return build(null, hosts, key);
    }

    /** A marked entry ({@code @cert-authority} or {@code @revoked}). */
    public static HostKeyEntry of(Marker marker, HostNames hosts, SshPublicKey key) {
        return build(Objects.requireNonNull(marker, "marker"), hosts, key);
    }

    private static HostKeyEntry build(Marker marker, HostNames hosts, SshPublicKey key) {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(key, "key");
        String field = hosts.render();
        if (marker == null && (field.startsWith("#") || field.startsWith("@"))) {
            throw new ValidationException("host list '" + HostPattern.printable(field) + "' starts with '"
                    + field.charAt(0) + "', which would make the line " + (field.startsWith("#") ? "a comment"
                    : "a marker line") + "; put another pattern first");
        }
        String line = field + " " + key.toOpenSsh();
        return new HostKeyEntry(marker == null ? line : marker.wireName() + " " + line, marker, hosts, key);
    }

    /** Parses one key line ({@code [marker] hosts keytype base64 [comment]}). */
    public static HostKeyEntry parse(String line) {
        return parse(line, Position.STRING_SOURCE, 1);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<HostKeyEntry> tryParse(String line) {
        try {
            return Optional.of(parse(line));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    static HostKeyEntry parse(String line, String source, int lineNumber) {
        if (line.indexOf('\n') >= 0) {
            throw new ParseException(new Position(source, lineNumber, line.indexOf('\n') + 1),
                    "a key line must not contain a line feed", null);
        }
        String body = KeyField.body(line);
        int i = KeyField.skipBlanks(body, 0);
        if (i == body.length() || body.charAt(i) == '#') {
            throw new ParseException(new Position(source, lineNumber, i + 1), "not a key line (blank or comment)", null);
        }
        Marker marker = null;
        if (body.charAt(i) == '@') {
            String word = body.substring(i, KeyField.tokenEnd(body, i));
            int at = i;
            marker = Marker.of(word).orElseThrow(() -> new ParseException(new Position(source, lineNumber, at + 1),
                    "unknown marker (expected @cert-authority or @revoked)", word));
            i = KeyField.skipBlanks(body, i + word.length());
        }
        int hostsEnd = KeyField.tokenEnd(body, i);
        if (hostsEnd == i) {
            throw new ParseException(new Position(source, lineNumber, i + 1), "missing host names", null);
        }
        HostNames hosts;
        try {
            hosts = HostNames.parse(body.substring(i, hostsEnd));
        } catch (ValidationException e) {
            throw new ParseException(new Position(source, lineNumber, i + 1), e.getMessage(), null, e);
        }
        int keyStart = KeyField.skipBlanks(body, hostsEnd);
        if (keyStart == body.length()) {
            throw new ParseException(new Position(source, lineNumber, keyStart + 1), "missing key after host names", null);
        }
        return new HostKeyEntry(line, marker, hosts, KeyField.parse(body, keyStart, source, lineNumber));
    }

    @Override
    public String text() {
        return text;
    }

    /** The marker, if the line has one. */
    public Optional<Marker> marker() {
        return Optional.ofNullable(marker);
    }

    /** The host names or patterns. */
    public HostNames hosts() {
        return hosts;
    }

    /** The key, carrying the line's comment. */
    public SshPublicKey key() {
        return key;
    }

    /** Whether this line applies to the host and port. */
    public boolean matches(String host, int port) {
        return hosts.matches(host, port);
    }

    /** Equal when the line texts are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HostKeyEntry && ((HostKeyEntry) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Marker, hosts, key type and fingerprint. */
    @Override
    public String toString() {
        String s = hosts.render() + " " + key.type() + " " + key.fingerprintSha256();
        return marker == null ? s : marker.wireName() + " " + s;
    }
}
