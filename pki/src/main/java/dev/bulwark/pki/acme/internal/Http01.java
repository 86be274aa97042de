package dev.bulwark.pki.acme.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * http-01 (RFC 8555 §8.3): GET {@code http://NAME/.well-known/acme-challenge/TOKEN} from an address
 * the validation networks allow, on the configured port, over a plain socket so that the address
 * checked is the address contacted (no second lookup). At most {@value #MAX_REDIRECTS} redirects,
 * each only to {@code http} on the same port for a name the resolver answers with an allowed
 * address; the body read is bounded. Not API.
 */
final class Http01 {

    static final int MAX_REDIRECTS = 10;
    private static final int MAX_RESPONSE = 16 * 1024;

    private Http01() {
    }

    static void validate(Validator validator, Identifier identifier, String token, String keyAuthorization) {
        String host = identifier.value();
        String path = "/.well-known/acme-challenge/" + token;
        Identifier target = identifier;
        for (int redirects = 0; ; redirects++) {
            Reply reply = fetch(validator, target, host, path);
            if (reply.status >= 300 && reply.status < 400 && reply.location != null) {
                if (redirects == MAX_REDIRECTS) {
                    throw Problem.of("connection", 400, "more than " + MAX_REDIRECTS + " redirects");
                }
                URI next = redirect(reply.location, host, validator.httpPort());
                host = next.getHost().toLowerCase(Locale.ROOT);
                path = next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
                target = dev.bulwark.pki.internal.Names.looksLikeIp(host.replace("[", "").replace("]", ""))
                        ? new Identifier("ip", host.replace("[", "").replace("]", "")) : new Identifier("dns", host);
                continue;
            }
            if (reply.status != 200) {
                throw Problem.unauthorized("http-01: " + identifier.value() + " answered HTTP " + reply.status);
            }
            if (!reply.body.strip().equals(keyAuthorization)) {
                throw Problem.of("incorrectResponse", 403, "http-01: the body at " + path + " is not the key authorization");
            }
            return;
        }
    }

    private static URI redirect(String location, String host, int port) {
        URI uri;
        try {
            uri = new URI("http", host, "/", null).resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw Problem.of("connection", 400, "http-01: a redirect to " + Problem.excerpt(location) + " cannot be read");
        }
        int actualPort = uri.getPort() == -1 ? 80 : uri.getPort();
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || actualPort != port) {
            throw Problem.of("connection", 400, "http-01: redirects are followed only to http on port " + port
                    + ", not to " + Problem.excerpt(location));
        }
        return uri;
    }

    private static Reply fetch(Validator validator, Identifier target, String host, String path) {
        List<InetAddress> addresses = validator.targets(target);
        IOException last = null;
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(validator.http(address), validator.timeoutMillis());
                socket.setSoTimeout(validator.timeoutMillis());
                String hostHeader = host.contains(":") ? "[" + host + "]" : host;
                if (validator.httpPort() != 80) {
                    hostHeader += ":" + validator.httpPort();
                }
                String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader
                        + "\r\nUser-Agent: bulwark-acme\r\nAccept: */*\r\nConnection: close\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return parse(readBounded(socket.getInputStream(), validator.timeoutMillis()));
            } catch (IOException e) {
                last = e;
            }
        }
        throw Problem.of("connection", 400, "http-01: cannot fetch from " + target.value() + " port " + validator.httpPort()
                + ": " + (last == null ? "no address" : last.getMessage()));
    }

    private static byte[] readBounded(InputStream in, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) != -1) {
            buffer.write(chunk, 0, Math.min(n, MAX_RESPONSE + 1 - buffer.size()));
            if (buffer.size() > MAX_RESPONSE || System.nanoTime() > deadline) {
                break;
            }
        }
        return buffer.toByteArray();
    }

    private static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw Problem.of("connection", 400, "http-01: the answer is not HTTP/1.x");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(status.length > 1 ? status[1] : "");
        } catch (NumberFormatException e) {
            throw Problem.of("connection", 400, "http-01: the status line cannot be read");
        }
        String location = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("location")) {
                location = value;
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        String body = text.substring(end + 4);
        if (chunked) {
            body = dechunk(body);
        }
        return new Reply(code, location, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                throw Problem.of("connection", 400, "http-01: a chunked body cannot be read");
            }
            if (size == 0 || eol + 2 + size > body.length()) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }

    private record Reply(int status, String location, String body) {
    }
}
