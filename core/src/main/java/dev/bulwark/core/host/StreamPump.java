package dev.bulwark.core.host;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A thread that copies one stream of a process: drains its output or feeds its input. Not API. */
final class StreamPump {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Closeable stream;
    private Thread thread;

    private StreamPump(Closeable stream) {
        this.stream = stream;
    }

    private StreamPump start(String name, Runnable body) {
        thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Starts reading {@code in} to its end. */
    static StreamPump drain(InputStream in, String name) {
        StreamPump pump = new StreamPump(in);
        return pump.start(name, () -> pump.copy(in));
    }

    /** Starts writing {@code data} to {@code out}, then closes it. */
    static StreamPump feed(OutputStream out, byte[] data, String name) {
        return new StreamPump(out).start(name, () -> {
            try (out) {
                out.write(data);
            } catch (IOException commandStoppedReading) {
                // A command may exit (or be killed) without reading all of its input.
            }
        });
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (captured) {
                    captured.write(buffer, 0, n);
                }
            }
        } catch (IOException closedUnderUs) {
            // The stream was closed after a kill; what was read so far is kept.
        }
    }

    /** Waits up to {@code millis} for the copy to end; returns whether it ended. */
    boolean await(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    /** Closes the stream so that the thread ends even if another process still holds the pipe. */
    void abandon() {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Nothing left to save.
        }
    }

    /** The bytes read so far, decoded as UTF-8. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }
}
