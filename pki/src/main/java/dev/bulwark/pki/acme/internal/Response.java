package dev.bulwark.pki.acme.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response of the ACME server: status, content type, body and extra headers. Not API. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    public Response {
        headers = new LinkedHashMap<>(headers);
    }

    public static Response json(int status, Map<String, ?> json) {
        return new Response(status, "application/json", Json.render(json).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Response problem(Problem problem) {
        Response r = new Response(problem.status(), "application/problem+json",
                Json.render(problem.toJson()).getBytes(StandardCharsets.UTF_8), Map.of());
        problem.retryAfter().ifPresent(d -> r.headers.put("Retry-After", Long.toString(Math.max(1, d.toSeconds()))));
        return r;
    }

    public static Response empty(int status) {
        return new Response(status, null, new byte[0], Map.of());
    }

    /** This response with one more header. */
    public Response with(String name, String value) {
        Response copy = new Response(status, contentType, body, headers);
        copy.headers.put(name, value);
        return copy;
    }
}
