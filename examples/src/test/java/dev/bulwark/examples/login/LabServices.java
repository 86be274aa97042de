package dev.bulwark.examples.login;

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

/**
 * Stand-ins for a spec's services: Python listeners in the server answering {@code listener} on
 * every given tcp or udp port (both families), and a prober in a client that says what became of
 * one connection: {@code listener} (reached), {@code refused} (the port answered with a reset or
 * ICMP unreachable), {@code timeout} (dropped on the way, as a firewall does).
 */
final class LabServices implements AutoCloseable {

    private static final String LISTENER = String.join("\n",
            "import socket, sys, threading",
            "def serve(proto, s):",
            "    while True:",
            "        if proto == 'tcp':",
            "            c, _ = s.accept(); c.sendall(b'listener\\n'); c.close()",
            "        else:",
            "            _, a = s.recvfrom(64); s.sendto(b'listener\\n', a)",
            "for spec in sys.argv[1:]:",
            "    proto, port = spec.split('/')",
            "    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM if proto == 'tcp' else socket.SOCK_DGRAM)",
            "    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)",
            "    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "    s.bind(('::', int(port)))",
            "    if proto == 'tcp': s.listen(16)",
            "    threading.Thread(target=serve, args=(proto, s), daemon=True).start()",
            "print('ready', flush=True)",
            "sys.stdin.read()");
    private static final String PROBE = String.join("\n",
            "import socket, sys",
            "proto, host, port, wait = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])",
            "family = socket.AF_INET6 if ':' in host else socket.AF_INET",
            "s = socket.socket(family, socket.SOCK_STREAM if proto == 'tcp' else socket.SOCK_DGRAM)",
            "s.settimeout(wait)",
            "try:",
            "    if proto == 'tcp':",
            "        s.connect((host, port))",
            "    else:",
            "        s.connect((host, port)); s.send(b'probe')",
            "    print(s.recv(64).decode().strip() or 'closed')",
            "except socket.timeout: print('timeout')",
            "except ConnectionRefusedError: print('refused')",
            "except OSError as e: print('error ' + str(e))");

    private final Process process;

    private LabServices(Process process) {
        this.process = process;
    }

    /** The Python the lab runs: the system's, not a user's shim. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : Tools.path("python3");
    }

    /** Starts listeners in {@code ns} on {@code protoPorts} ({@code tcp/9100}, {@code udp/53}) and waits until bound. */
    static LabServices listen(NetworkNamespace ns, List<String> protoPorts) throws IOException {
        List<String> command = new ArrayList<>(List.of(python(), "-c", LISTENER));
        command.addAll(protoPorts);
        Process p = new ProcessBuilder(ns.wrap(command)).redirectErrorStream(true).start();
        LabServices services = new LabServices(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"ready".equals(first)) {
            services.close();
            throw new IOException("listeners on " + protoPorts + " did not start: " + first);
        }
        return services;
    }

    /** What one connection from {@code ns} to {@code host}'s {@code proto} port becomes (waiting {@code seconds}). */
    static String probe(NetworkNamespace ns, String proto, String host, int port, double seconds) throws IOException {
        NetworkNamespace.ProcessResult r = ns.exec(python(), "-c", PROBE, proto, host, Integer.toString(port),
                Double.toString(seconds));
        return r.output().strip();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
