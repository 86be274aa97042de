package dev.bulwark.pki.acme;

import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real dnsmasq on 127.0.0.1 that answers every name under {@link Testbed#ZONE} with 127.0.0.1
 * (and no IPv6 address) and serves the TXT records the clients' dns-01 hooks write. dnsmasq reads TXT records only when
 * it starts, so {@link #hook()} writes one file per record into its {@code conf-dir} and restarts
 * it (under {@code flock}, waiting for the old process to exit before the new one binds).
 */
final class Dnsmasq implements AutoCloseable {

    private final Path dir;
    private final int port;

    private Dnsmasq(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Writes the configuration and the hook into {@code dir} and starts dnsmasq on 127.0.0.1:{@code port}. */
    static Dnsmasq start(Path dir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("txt"));
        String conf = String.join("\n",
                "port=" + port,
                "listen-address=127.0.0.1",
                "bind-interfaces",
                "no-resolv",
                "no-hosts",
                "no-negcache",
                "address=/" + Testbed.ZONE + "/127.0.0.1",
                // authoritative for the zone: AAAA gets an empty answer (NODATA) as from a real zone,
                // not the REFUSED dnsmasq sends for a type it has no upstream for
                "local=/" + Testbed.ZONE + "/",
                "conf-dir=" + dir.resolve("txt") + ",*.conf") + "\n";
        Files.writeString(dir.resolve("dnsmasq.conf"), conf, StandardCharsets.US_ASCII);
        Dnsmasq dns = new Dnsmasq(dir, port);
        dns.writeHook();
        ToolRun.Result started = ToolRun.run(dns.startCommand(), Map.of(), dir, dir.resolve("dnsmasq.log"),
                Duration.ofSeconds(30));
        if (!started.ok()) {
            throw new IOException("dnsmasq did not start: " + started.outcome());
        }
        return dns;
    }

    /** The resolver address, {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /**
     * The hook every client's dns-01 script calls: {@code hook add|del NAME VALUE}. It refuses
     * names and values outside the characters ACME uses (LDH labels, base64url digests), so
     * nothing a server sends can inject a configuration line.
     */
    Path hook() {
        return dir.resolve("dns-txt");
    }

    private List<String> startCommand() {
        return List.of(Tools.path("dnsmasq"), "--conf-file=" + dir.resolve("dnsmasq.conf"),
                "--pid-file=" + dir.resolve("dnsmasq.pid"));
    }

    private void writeHook() throws IOException {
        String start = String.join(" ", startCommand().stream().map(Dnsmasq::quote).toList());
        String script = "#!/bin/sh\n"
                + "# dns-txt add|del NAME VALUE: writes or removes one TXT record and restarts dnsmasq\n"
                + "set -eu\n"
                + "dir=" + quote(dir.toString()) + "\n"
                + "op=$1; name=${2%.}; value=$3\n"
                + "case $name in ''|*[!A-Za-z0-9._-]*) echo \"dns-txt: refusing name '$name'\" >&2; exit 2;; esac\n"
                + "case $value in ''|*[!A-Za-z0-9_-]*) echo \"dns-txt: refusing value\" >&2; exit 2;; esac\n"
                + "exec 9>\"$dir/dns.lock\"\n"
                + Tools.path("flock") + " 9\n"
                + "file=\"$dir/txt/$name.$value.conf\"\n"
                + "case $op in\n"
                + "  add) printf 'txt-record=%s,\"%s\"\\n' \"$name\" \"$value\" > \"$file.tmp\"; mv \"$file.tmp\" \"$file\";;\n"
                + "  del) rm -f \"$file\";;\n"
                + "  *) echo \"dns-txt: unknown operation '$op'\" >&2; exit 2;;\n"
                + "esac\n"
                + "pid=$(cat \"$dir/dnsmasq.pid\")\n"
                + "kill \"$pid\"\n"
                + "while kill -0 \"$pid\" 2>/dev/null; do sleep 0.05; done\n"
                + start + "\n";
        Path hook = hook();
        Files.writeString(hook, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
    }

    /** Single-quotes a path for sh; refuses one that holds a quote or a control character. */
    static String quote(String text) {
        if (!text.matches("[^'\\p{Cntrl}]+")) {
            throw new IllegalArgumentException("cannot quote " + text.length() + " characters for sh");
        }
        return "'" + text + "'";
    }

    @Override
    public void close() throws IOException {
        Path pidFile = dir.resolve("dnsmasq.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        process.filter(p -> p.info().command().map(c -> c.endsWith("dnsmasq")).orElse(false)).ifPresent(p -> {
            p.destroy();
            p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                p.destroyForcibly();
                return p;
            }).join();
        });
    }
}
