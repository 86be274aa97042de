package dev.bulwark.benchmarks.acme;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Answers {@code /.well-known/acme-challenge/TOKEN} on 127.0.0.1 with the key authorizations it was given. */
final class Http01Responder implements AutoCloseable {

    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    Http01Responder(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.createContext(PREFIX, exchange -> {
            try (exchange) {
                String answer = answers.get(exchange.getRequestURI().getPath().substring(PREFIX.length()));
                if (answer == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answer(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void forget(String token) {
        answers.remove(token);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
