package dev.bulwark.vpn.wireguard;

import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs wireguard-go interfaces inside test namespaces. */
final class WgTools {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private WgTools() {
    }

    /** A unique interface name for this run (wireguard-go's control sockets share /var/run/wireguard). */
    static String uniqueInterface() {
        return "bwg" + ProcessHandle.current().pid() % 100000 + "i" + COUNTER.incrementAndGet();
    }

    /** Starts {@code wireguard-go name} in the foreground inside {@code ns} and waits (bounded) until wg sees it. */
    static Process start(NetworkNamespace ns, String name) throws IOException, InterruptedException {
        Process p = ns.start("env", "WG_PROCESS_FOREGROUND=1", Tools.path("wireguard-go"), name);
        for (int i = 0; i < 100; i++) {
            if (ns.exec(Tools.path("wg"), "show", name).exitCode() == 0) {
                return p;
            }
            if (!p.isAlive()) {
                throw new IOException("wireguard-go exited: " + new String(p.getInputStream().readAllBytes()));
            }
            Thread.onSpinWait();
            p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new IOException("wireguard-go " + name + " did not come up");
    }

    /** Stops wireguard-go and removes its control socket. */
    static void stop(Process p, String name) throws IOException, InterruptedException {
        p.destroy();
        p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        Files.deleteIfExists(Path.of("/var/run/wireguard/" + name + ".sock"));
    }
}
