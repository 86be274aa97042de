package dev.bulwark.core.host;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/** A thread that feeds a process its input. Not API. */
final class StreamPump {

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

}
