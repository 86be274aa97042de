package dev.bulwark.pki.acme.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * http-01 (RFC 8555 §8.3): GET {@code http://NAME/.well-known/acme-challenge/TOKEN} from an address
 * the validation networks allow, on the configured port, over a plain socket so that the address
 * checked is the address contacted (no second lookup). Redirects are followed as Let's Encrypt
 * follows them: at most {@value #MAX_REDIRECTS}, each to {@code http} or {@code https} only, on
 * the scheme's standard port (80, 443) or the configured validation port (the http-01 port for
 * {@code http}, the tls-alpn-01 port for {@code https}), and connected to that configured port; each
 * hop's name is resolved and its addresses checked against the validation networks before anything
 * is contacted. An {@code https} hop does not validate the certificate: the token it serves is
 * what is checked. The body read is bounded. Not API.
 */
final class Http01 {

    static final int MAX_REDIRECTS = 10;
    private static final int MAX_RESPONSE = 16 * 1024;

    private Http01() {
    }

    /** One request: scheme, host (lower case, no brackets), the port the URL names (-1 for none), path and query. */
    private record Hop(String scheme, String host, int urlPort, String path) {
        boolean https() {
            return scheme.equals("https");
        }

        Identifier target() {
            return dev.bulwark.pki.internal.Names.looksLikeIp(host) ? new Identifier("ip", host) : new Identifier("dns", host);
        }
    }

    static void validate(Validator validator, Identifier identifier, String token, String keyAuthorization) {
        Hop hop = new Hop("http", identifier.value(), -1, "/.well-known/acme-challenge/" + token);
        for (int redirects = 0; ; redirects++) {
            Reply reply = fetch(validator, hop, redirects == 0);
            if (reply.status >= 300 && reply.status < 400 && reply.location != null) {
                if (redirects == MAX_REDIRECTS) {
                    throw Problem.of("connection", 400, "more than " + MAX_REDIRECTS + " redirects");
                }
                hop = redirect(validator, hop, reply.location);
                continue;
            }
            if (reply.status != 200) {
                throw Problem.unauthorized("http-01: " + identifier.value() + " answered HTTP " + reply.status);
            }
            if (!reply.body.strip().equals(keyAuthorization)) {
                throw Problem.of("incorrectResponse", 403, "http-01: the body at " + hop.path + " is not the key authorization");
            }
            return;
        }
    }

    private static Hop redirect(Validator validator, Hop from, String location) {
        URI uri;
        try {
            String host = from.host.contains(":") ? "[" + from.host + "]" : from.host;
            URI base = new URI(from.scheme, null, host, from.urlPort, "/", null, null);
            uri = base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw Problem.of("connection", 400, "http-01: a redirect to " + Problem.excerpt(location) + " cannot be read");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean allowed = scheme.equals("http") && (port == -1 || port == 80 || port == validator.httpPort())
                || scheme.equals("https") && (port == -1 || port == 443 || port == validator.tlsPort());
        if (!allowed || uri.getHost() == null) {
            throw Problem.of("connection", 400, "http-01: redirects are followed only to http (port 80 or "
                    + validator.httpPort() + ") or https (port 443 or " + validator.tlsPort() + "), not to "
                    + Problem.excerpt(location));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (path.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw Problem.of("connection", 400, "http-01: a redirect to " + Problem.excerpt(location) + " cannot be requested");
        }
        return new Hop(scheme, host, port, path);
    }

    private static Reply fetch(Validator validator, Hop hop, boolean first) {
        // the addresses are checked against the validation networks here, before any connection
        List<InetAddress> addresses = validator.targets(hop.target());
        int connectPort = hop.https() ? validator.tlsPort() : validator.httpPort();
        String hostHeader = hop.host.contains(":") ? "[" + hop.host + "]" : hop.host;
        if (first ? validator.httpPort() != 80 : hop.urlPort != -1) {
            hostHeader += ":" + (first ? validator.httpPort() : hop.urlPort);
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(address, connectPort), validator.timeoutMillis());
                plain.setSoTimeout(validator.timeoutMillis());
                Socket socket = hop.https() ? tls(plain, hop.host, connectPort) : plain;
                String request = "GET " + hop.path + " HTTP/1.1\r\nHost: " + hostHeader
                        + "\r\nUser-Agent: bulwark-acme\r\nAccept: */*\r\nConnection: close\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return parse(readBounded(socket.getInputStream(), validator.timeoutMillis()));
            } catch (IOException e) {
                last = e;
            }
        }
        throw Problem.of("connection", 400, "http-01: cannot fetch " + hop.scheme + " from " + hop.host + " port " + connectPort
                + ": " + (last == null ? "no address" : last.getMessage()));
    }

    /** TLS over the connected socket, without certificate validation (the token is what is checked); SNI for DNS names. */
    private static SSLSocket tls(Socket plain, String host, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TlsAlpn01.InspectOnly()}, null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            parameters.setServerNames(dev.bulwark.pki.internal.Names.looksLikeIp(host) ? List.of() : List.of(new SNIHostName(host)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is missing from the JDK", e);
        }
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
