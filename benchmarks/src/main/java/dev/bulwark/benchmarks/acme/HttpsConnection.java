package dev.bulwark.benchmarks.acme;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small blocking HTTP/1.1 client over one persistent TLS connection (keep-alive), for one thread:
 * the ACME load generator gives each account one, so that the generator spends its CPU on the
 * protocol rather than on {@code java.net.http.HttpClient}'s asynchronous machinery.
 *
 * <p>The TLS socket comes from the given {@link SSLContext} with the server's name checked against
 * its certificate ({@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}); no ALPN is
 * offered (HTTP/1.1 only). Requests are GET, HEAD or POST with {@code Host}, and for a body
 * {@code Content-Type} and {@code Content-Length}. Responses are read by {@code Content-Length},
 * by chunked decoding ({@code Transfer-Encoding: chunked}, as Go's net/http sends larger bodies), or
 * up to the end of the connection when neither is given; headers are looked up case-insensitively.
 * A header block over {@value #MAX_HEADER_BYTES} bytes or a body over {@value #MAX_BODY_BYTES} bytes
 * is refused with an {@link IOException}, and the connection is closed.
 *
 * <p>Reconnects: the connection is opened on the first request, reopened after a response with
 * {@code Connection: close} (or an HTTP/1.0 response without keep-alive), after any failed request,
 * and when a request goes to another origin (scheme, host, port). A request is <b>retried once, on a
 * new connection, only when it could not have been processed</b>: it was sent on a <em>reused</em>
 * connection and the failure (an {@code IOException} while writing it, or the end of the stream or
 * an {@code IOException} while reading) came before any byte of the response. That is how a
 * server's closing of an idle keep-alive connection shows. (Should a server have processed the
 * request and then died without a byte of answer, an ACME server sees the same JWS twice; its nonce
 * is single-use, so the replay is refused with {@code badNonce} and has no effect.) A read timeout
 * ({@link SocketTimeoutException}) is never retried: the server may be working on the request, or
 * have stopped answering, which is what the caller wants to know. A failure on a fresh connection
 * or after the first response byte is never retried either.
 *
 * <p>Not thread-safe: one thread at a time.
 */
final class HttpsConnection implements AutoCloseable {

    /** The largest response header block (status line, headers, and chunked trailers) accepted. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** The largest response body accepted. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final String USER_AGENT = "bulwark-acme-loadgen";
    private static final int EXCERPT = 80;

    /** The request methods the load generator uses. */
    enum Method {
        GET, HEAD, POST
    }

    /**
     * One response: its status, its headers (case-insensitive names, every value of a repeated
     * header in order) and its body decoded as UTF-8 (empty for HEAD).
     */
    record Response(URI uri, int status, Map<String, List<String>> headers, String body) {

        /** Keeps the headers read-only (and as case-insensitive as the map given). */
        Response {
            headers = Collections.unmodifiableMap(headers);
        }

        /** The first value of header {@code name}, any letter case. */
        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    private final SSLContext context;
    private final int readTimeoutMillis;
    private SSLSocket socket;
    private String origin;
    private InputStream in;
    private OutputStream out;
    private int connects;
    /** Header bytes read for the response under way (status line, headers, trailers). */
    private int headerBytes;
    /** Whether any byte of the response under way has arrived. */
    private boolean responseStarted;

    /**
     * A connection, not yet open, that trusts what {@code context} trusts and fails a request whose
     * answer stalls for {@code readTimeout} (each read waits at most that long).
     */
    HttpsConnection(SSLContext context, Duration readTimeout) {
        this.context = context;
        long millis = readTimeout.toMillis();
        if (millis <= 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read timeout " + readTimeout + " is not between 1 ms and 24 days");
        }
        this.readTimeoutMillis = (int) millis;
    }

    /** How many TLS connections this client has opened so far. */
    int connects() {
        return connects;
    }

    /** A GET request. */
    Response get(URI uri) throws IOException {
        return send(Method.GET, uri, null, null);
    }

    /** A HEAD request: headers only. */
    Response head(URI uri) throws IOException {
        return send(Method.HEAD, uri, null, null);
    }

    /** A POST request with this body of this content type. */
    Response post(URI uri, String contentType, byte[] body) throws IOException {
        if (contentType == null || body == null) {
            throw new IllegalArgumentException("a POST needs a content type and a body");
        }
        return send(Method.POST, uri, contentType, body);
    }

    /**
     * Sends one request and reads its response, opening or reopening the connection as needed and
     * retrying once only where the request cannot have been processed (see the class comment).
     */
    Response send(Method method, URI uri, String contentType, byte[] body) throws IOException {
        byte[] request = request(method, uri, contentType, body);
        String target = origin(uri);
        if (socket != null && !target.equals(origin)) {
            close();
        }
        for (boolean mayRetry = true; ; mayRetry = false) {
            boolean reused = socket != null;
            if (!reused) {
                connect(uri, target);
            }
            responseStarted = false;
            headerBytes = 0;
            try {
                out.write(request);
                return response(method, uri);
            } catch (SocketTimeoutException e) {
                close();
                throw e;
            } catch (IOException e) {
                boolean retry = mayRetry && reused && !responseStarted;
                close();
                if (!retry) {
                    throw e;
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Closes the connection, if open; the next request opens a new one. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a failed or finished connection: nothing left to do
            }
        }
        socket = null;
        origin = null;
        in = null;
        out = null;
    }

    private void connect(URI uri, String target) throws IOException {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            plain.setSoTimeout(readTimeoutMillis);
            // layered with the host name, so that the certificate is checked against it (and SNI sent for a DNS name)
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            socket = tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
        origin = target;
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream(); // each request is written with one write()
        connects++;
    }

    private static String origin(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an https URL with a host: " + excerpt(String.valueOf(uri)));
        }
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
    }

    private static byte[] request(Method method, URI uri, String contentType, byte[] body) {
        origin(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        StringBuilder head = new StringBuilder(256).append(method.name()).append(' ').append(checked("path", path))
                .append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\nUser-Agent: ").append(USER_AGENT).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(checked("content type", contentType)).append("\r\nContent-Length: ")
                    .append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Refuses what would break out of its place in the request head: controls, spaces in a path, non-ASCII. */
    private static String checked(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || (c == ' ' && what.equals("path"))) {
                throw new IllegalArgumentException(what + " has a control, space or non-ASCII character at index " + i
                        + ": " + excerpt(value));
            }
        }
        return value;
    }

    private Response response(Method method, URI uri) throws IOException {
        String statusLine;
        int status;
        Map<String, List<String>> headers;
        do { // skip interim 1xx responses (other than 101, which a client that never asks for it does not get)
            statusLine = line(uri, "status line");
            status = status(uri, statusLine);
            headers = headers(uri);
        } while (status >= 100 && status < 200 && status != 101);
        boolean keepAlive = keepAlive(statusLine, headers);
        String body;
        if (method == Method.HEAD || status == 204 || status == 304 || status < 200) {
            body = "";
        } else if (headers.containsKey("Transfer-Encoding")) {
            String encoding = String.join(",", headers.get("Transfer-Encoding")).trim();
            if (!encoding.equalsIgnoreCase("chunked")) {
                throw new IOException(name(uri) + " answered with Transfer-Encoding " + excerpt(encoding)
                        + ", which this client does not decode");
            }
            body = chunked(uri);
        } else if (headers.containsKey("Content-Length")) {
            body = fixed(uri, contentLength(uri, headers.get("Content-Length")));
        } else {
            body = untilClose(uri);
            keepAlive = false;
        }
        if (!keepAlive) {
            close();
        }
        return new Response(uri, status, headers, body);
    }

    private static boolean keepAlive(String statusLine, Map<String, List<String>> headers) {
        List<String> connection = headers.getOrDefault("Connection", List.of());
        for (String value : connection) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("close")) {
                    return false;
                }
                if (token.trim().equalsIgnoreCase("keep-alive")) {
                    return true;
                }
            }
        }
        return !statusLine.startsWith("HTTP/1.0");
    }

    private static int status(URI uri, String statusLine) throws IOException {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine.charAt(8) != ' '
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new IOException(name(uri) + " answered with a malformed status line: " + excerpt(statusLine));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException(name(uri) + " answered with a malformed status line: " + excerpt(statusLine));
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }

    private Map<String, List<String>> headers(URI uri) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(uri, "header"); !line.isEmpty(); line = line(uri, "header")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(name(uri) + " answered with a malformed header line: " + excerpt(line));
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static long contentLength(URI uri, List<String> values) throws IOException {
        long length = -1;
        for (String value : values) {
            long parsed;
            try {
                parsed = value.isEmpty() || value.charAt(0) == '+' || value.charAt(0) == '-' ? -1 : Long.parseLong(value);
            } catch (NumberFormatException e) {
                parsed = -1;
            }
            if (parsed < 0 || (length >= 0 && parsed != length)) {
                throw new IOException(name(uri) + " answered with a bad Content-Length: " + excerpt(String.join(", ", values)));
            }
            length = parsed;
        }
        return length;
    }

    private String fixed(URI uri, long length) throws IOException {
        if (length > MAX_BODY_BYTES) {
            throw new IOException(name(uri) + " answered with a body of " + length + " bytes, over the limit of "
                    + MAX_BODY_BYTES);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new EOFException(name(uri) + " closed the connection after " + body.length + " of " + length + " body bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private String chunked(URI uri) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = line(uri, "chunk size");
            int end = line.indexOf(';'); // chunk extensions are ignored
            String hex = (end < 0 ? line : line.substring(0, end)).trim();
            long size = 0;
            if (hex.isEmpty() || hex.length() > 8) {
                throw new IOException(name(uri) + " answered with a bad chunk size: " + excerpt(line));
            }
            for (int i = 0; i < hex.length(); i++) {
                int digit = Character.digit(hex.charAt(i), 16);
                if (digit < 0) {
                    throw new IOException(name(uri) + " answered with a bad chunk size: " + excerpt(line));
                }
                size = size * 16 + digit;
            }
            if (size == 0) {
                break;
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException(name(uri) + " answered with a chunked body over the limit of " + MAX_BODY_BYTES + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException(name(uri) + " closed the connection inside a chunk");
            }
            body.write(chunk);
            if (!line(uri, "chunk end").isEmpty()) {
                throw new IOException(name(uri) + " answered with a chunk longer than its size");
            }
        }
        headers(uri); // trailers: read and dropped, counted against the header limit
        return body.toString(StandardCharsets.UTF_8);
    }

    private String untilClose(URI uri) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException(name(uri) + " answered with a body over the limit of " + MAX_BODY_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * One line of the head (CRLF or LF ended, without it), counted against {@link #MAX_HEADER_BYTES};
     * the end of the stream before its end is an {@link EOFException}.
     */
    private String line(URI uri, String what) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(responseStarted
                        ? name(uri) + " closed the connection inside the response's " + what
                        : name(uri) + " closed the connection before answering");
            }
            responseStarted = true;
            if (++headerBytes > MAX_HEADER_BYTES) {
                throw new IOException(name(uri) + " answered with a header block over the limit of " + MAX_HEADER_BYTES
                        + " bytes");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) b); // ISO-8859-1, as HTTP/1.1 header bytes are
        }
    }

    /** The URL for a message, bounded. */
    private static String name(URI uri) {
        String text = uri.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String excerpt(String text) {
        String clean = text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
        StringBuilder printable = new StringBuilder(clean.length());
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            printable.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return "'" + printable + "'";
    }
}
