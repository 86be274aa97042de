package dev.bulwark.pki.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A tiny HTTP server on 127.0.0.1 that answers {@code /.well-known/acme-challenge/TOKEN} from the
 * files a client (dehydrated) writes into its WELLKNOWN folder, as a web server would. Tokens
 * other than base64url characters get 404, so no request reaches outside the folder.
 */
final class WellKnownResponder implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final HttpServer server;

    private WellKnownResponder(HttpServer server) {
        this.server = server;
    }

    static WellKnownResponder start(int port, Path folder) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext(PREFIX, exchange -> {
            try (exchange) {
                String token = exchange.getRequestURI().getPath().substring(PREFIX.length());
                Path file = folder.resolve(TOKEN.matcher(token).matches() ? token : "-");
                if (!"GET".equals(exchange.getRequestMethod()) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new WellKnownResponder(server);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
