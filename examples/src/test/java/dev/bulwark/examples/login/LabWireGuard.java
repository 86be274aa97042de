package dev.bulwark.examples.login;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the kit's wg-quick configs brought up as interface {@code wg0} by userspace wireguard-go
 * in a lab namespace, the way wg-quick does it: {@code wg-quick strip} for {@code wg setconf},
 * then each {@code Address} on the interface. wireguard-go keeps its control socket in
 * {@code /run/wireguard}, which every namespace shares: it runs in a private mount namespace with
 * an empty {@code /run}, so any number of {@code wg0}s (and the machine's own) never collide.
 */
final class LabWireGuard implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("(?m)^Address\\s*=\\s*(.+)$");
    private static final String SCRIPT = String.join("\n",
            "set -e",
            "mount -t tmpfs bulwark-wg /run",
            "WG_PROCESS_FOREGROUND=1 \"$1\" wg0 &",
            "pid=$!",
            "n=0",
            "until \"$2\" show wg0 >/dev/null 2>&1; do",
            "  n=$((n+1))",
            "  if [ $n -gt 300 ] || ! kill -0 $pid 2>/dev/null; then echo 'wireguard-go did not come up'; exit 1; fi",
            "  sleep 0.05",
            "done",
            "\"$2\" setconf wg0 \"$3\"",
            "shift 3",
            "for a in \"$@\"; do ip address add \"$a\" dev wg0; done",
            "ip link set wg0 up",
            "echo ready",
            "wait $pid");

    private final Process process;

    private LabWireGuard(Process process) {
        this.process = process;
    }

    /** Brings up {@code config} (a kit's {@code vpn/<node>.conf}) as {@code wg0} in {@code ns}. */
    static LabWireGuard up(NetworkNamespace ns, Path config, Path work) throws IOException {
        String text = Files.readString(config);
        Path dir = Files.createTempDirectory(work, "wg");
        // wg-quick takes the interface name from the file name
        Path quick = dir.resolve("wg0.conf");
        SafeFiles.writeString(quick, text, FileMode.SECRET);
        Process strip = new ProcessBuilder(Tools.path("wg-quick"), "strip", quick.toString()).start();
        String stripped = new String(strip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stripErrors = new String(strip.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (strip.waitFor() != 0) {
                throw new IOException("wg-quick strip " + config.getFileName() + " failed: " + stripErrors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Path setconf = dir.resolve("wg0.setconf");
        SafeFiles.writeString(setconf, stripped, FileMode.SECRET);
        List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c", SCRIPT,
                "lab-wg", Tools.path("wireguard-go"), Tools.path("wg"), setconf.toString()));
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            for (String a : m.group(1).split(",")) {
                command.add(a.strip());
            }
        }
        Process p = new ProcessBuilder(ns.wrap(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        LabWireGuard wg = new LabWireGuard(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                wg.close();
                throw new IOException("wg0 from " + config.getFileName() + " did not come up: " + seen);
            }
            if (line.equals("ready")) {
                break;
            }
            if (seen.length() < 2000) {
                seen.append(line).append('\n');
            }
        }
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "lab-wg-drain");
        drain.setDaemon(true);
        drain.start();
        return wg;
    }

    /** Stops wireguard-go; its interface goes with it, and its /run was private. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
