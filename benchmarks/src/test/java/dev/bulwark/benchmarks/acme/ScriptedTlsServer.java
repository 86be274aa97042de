package dev.bulwark.benchmarks.acme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A hand-written TLS server on 127.0.0.1 that serves its connections one after the other, each
 * with a script given the connection's number (from 1): for answers no ordinary server gives
 * (chunked trailers, oversized heads, a close before answering).
 */
final class ScriptedTlsServer implements AutoCloseable {

    /** What the server does on one connection. */
    interface Script {
        void serve(Connection connection) throws IOException;
    }

    /** One accepted connection, as a script sees it. */
    final class Connection {
        private final int number;
        private final InputStream in;
        private final OutputStream out;

        private Connection(int number, InputStream in, OutputStream out) {
            this.number = number;
            this.in = in;
            this.out = out;
        }

        /** The connection's number, from 1. */
        int number() {
            return number;
        }

        /** Reads one request (head, and a body by Content-Length) and records it; null at the end of the stream. */
        String read() throws IOException {
            return ScriptedTlsServer.this.read(in);
        }

        /** Writes {@code response} (ISO-8859-1) and flushes. */
        void write(String response) throws IOException {
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private final SSLServerSocket server;
    private final Thread thread;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new ArrayList<>();
    private volatile Socket current;

    ScriptedTlsServer(SSLContext context, Script script) throws IOException {
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    current = socket;
                    script.serve(new Connection(connections.incrementAndGet(), socket.getInputStream(), socket.getOutputStream()));
                } catch (IOException e) {
                    // the client went away, failed its handshake, or the server is closing: next connection
                }
            }
        }, "scripted-tls-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** How many connections the server has accepted. */
    int connections() {
        return connections.get();
    }

    /** The requests the scripts have read so far, head and body. */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                int length = 0;
                for (String line : text.split("\r\n")) {
                    if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                String request = text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
                synchronized (this) {
                    requests.add(request);
                }
                return request;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = current;
        if (socket != null) {
            socket.close();
        }
    }
}
