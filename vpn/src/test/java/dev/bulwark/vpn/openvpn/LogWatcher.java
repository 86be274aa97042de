package dev.bulwark.vpn.openvpn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads a process's output on a daemon thread so that tests can wait, bounded, for a line. */
final class LogWatcher {

    private final StringBuilder text = new StringBuilder();

    private LogWatcher(Process process) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (text) {
                        text.append(line).append('\n');
                        text.notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (text) {
                    text.append("[log reader: ").append(e.getMessage()).append("]\n");
                }
            }
        }, "log-watcher");
        reader.setDaemon(true);
        reader.start();
    }

    static LogWatcher of(Process process) {
        return new LogWatcher(process);
    }

    /** Waits until the output holds {@code needle}, at most {@code limit}; whether it appeared. */
    boolean await(String needle, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (text) {
            while (text.indexOf(needle) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                text.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }
}
