package dev.bulwark.pki.acme.internal;

import dev.bulwark.pki.internal.Names;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 8555 §6.7 problem document ({@code urn:ietf:params:acme:error:*}, RFC 7807) thrown by the
 * ACME handlers and rendered as {@code application/problem+json}. Details quote client input only
 * through {@link #excerpt(String)}. Not API.
 */
public final class Problem extends RuntimeException {

    private static final String PREFIX = "urn:ietf:params:acme:error:";

    private final String type;
    private final int status;
    private final transient Map<String, Object> extra;
    private final Duration retryAfter;

    private Problem(String type, int status, String detail, Map<String, Object> extra, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.status = status;
        this.extra = extra;
        this.retryAfter = retryAfter;
    }

    /** A problem of this ACME error type (the part after {@code urn:ietf:params:acme:error:}). */
    public static Problem of(String acmeType, int status, String detail) {
        return new Problem(PREFIX + acmeType, status, detail, Map.of(), null);
    }

    /** A problem listing one subproblem per refused identifier (RFC 8555 §6.7.1). */
    public static Problem withSubproblems(String acmeType, int status, String detail, List<Object> subproblems) {
        return new Problem(PREFIX + acmeType, status, detail, Map.of("subproblems", List.copyOf(subproblems)), null);
    }

    public static Problem malformed(String detail) {
        return of("malformed", 400, detail);
    }

    public static Problem unauthorized(String detail) {
        return of("unauthorized", 403, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem("about:blank", 404, detail, Map.of(), null);
    }

    public static Problem badNonce(String detail) {
        return of("badNonce", 400, detail);
    }

    public static Problem badSignatureAlgorithm(String detail, List<String> algorithms) {
        return new Problem(PREFIX + "badSignatureAlgorithm", 400, detail, Map.of("algorithms", algorithms), null);
    }

    public static Problem rateLimited(String detail, Duration retryAfter) {
        return new Problem(PREFIX + "rateLimited", 429, detail, Map.of(), retryAfter);
    }

    /** The {@code urn:ietf:params:acme:error:…} type, or {@code about:blank}. */
    public String type() {
        return type;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** How long the client should wait, for rate limits. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The problem document as a JSON object. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("detail", getMessage());
        json.put("status", status);
        json.putAll(extra);
        return json;
    }

    /** The problem as stored in a challenge or order ({@code error} field), without the HTTP status. */
    public Map<String, Object> toErrorJson() {
        Map<String, Object> json = toJson();
        json.remove("status");
        return json;
    }

    /** A bounded, printable excerpt of client input for a message, quoted (control characters replaced). */
    public static String excerpt(String text) {
        return text == null ? "null" : "'" + Names.printable(text) + "'";
    }
}
