package dev.bulwark.pki.acme.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * Glue between the JDK's HTTPS server and {@link AcmeProtocol}: reads at most one byte more than
 * the largest accepted body, passes the path below {@code /acme} and writes the response. Not API.
 */
public final class HttpFront implements HttpHandler {

    private final AcmeProtocol protocol;

    public HttpFront(AcmeProtocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(JwsVerifier.MAX_BODY + 1);
            }
            String path = exchange.getRequestURI().getRawPath().substring("/acme".length());
            Response response = protocol.handle(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }
}
