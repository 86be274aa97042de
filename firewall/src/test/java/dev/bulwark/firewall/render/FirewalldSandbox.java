package dev.bulwark.firewall.render;

import dev.bulwark.testing.NetworkNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real firewalld running in a test's network namespace without touching the machine's own: in its
 * own mount namespace with a private {@code /run}, with a private configuration directory
 * ({@code --system-config}, stock {@code firewalld.conf}) and on a private D-Bus system bus whose
 * socket is in the test's directory ({@code DBUS_SYSTEM_BUS_ADDRESS}). Its nftables rules live in
 * the namespace. The daemons are processes of the namespace and end when it is closed.
 */
public final class FirewalldSandbox {

    private final NetworkNamespace ns;
    private final Path dir;
    private final String bus;

    private FirewalldSandbox(NetworkNamespace ns, Path dir, String bus) {
        this.ns = ns;
        this.dir = dir;
        this.bus = bus;
    }

    /** Starts dbus-daemon and firewalld in {@code ns}, keeping their files under {@code dir}, and waits until firewalld runs. */
    public static FirewalldSandbox start(NetworkNamespace ns, Path dir) throws IOException {
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig>\n  <type>system</type>\n"
                + "  <listen>unix:path=" + socket + "</listen>\n  <auth>EXTERNAL</auth>\n"
                + "  <policy context=\"default\">\n    <allow user=\"root\"/>\n    <allow own=\"*\"/>\n"
                + "    <allow send_destination=\"*\"/>\n    <allow receive_sender=\"*\"/>\n  </policy>\n</busconfig>\n");
        Process daemon = ns.start("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address");
        // dbus-daemon prints its address once it listens: no polling
        String address = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (address == null || !address.startsWith("unix:path=" + socket)) {
            throw new IOException("dbus-daemon did not start: " + address);
        }
        FirewalldSandbox sandbox = new FirewalldSandbox(ns, dir, "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + socket);
        Path etc = Files.createDirectory(dir.resolve("etc"));
        for (String sub : List.of("zones", "services", "icmptypes", "ipsets", "helpers", "policies")) {
            Files.createDirectory(etc.resolve(sub));
        }
        Files.copy(Path.of("/etc/firewalld/firewalld.conf"), etc.resolve("firewalld.conf"));
        // a private /run too: firewalld keeps temporary files in /run/firewalld
        String inner = ShellScript.line(List.of("mount", "-t", "tmpfs", "tmpfs", "/run")) + " && exec "
                + ShellScript.line(List.of("env", sandbox.bus, "firewalld", "--nofork", "--nopid", "--system-config",
                etc.toString(), "--log-target", "file", "--log-file", sandbox.logFile().toString()));
        ns.start("unshare", "-m", "--propagation", "private", "sh", "-c", inner);
        // firewalld owns its bus name before it starts; calls wait in the queue until it has started
        sandbox.run("gdbus", "wait", "--system", "--timeout", "60", "org.fedoraproject.FirewallD1");
        String state = sandbox.run("firewall-cmd", "--state");
        if (!state.equals("running\n")) {
            throw new IOException("firewalld is not running: " + state + "\nfirewalld.log:\n" + sandbox.log());
        }
        return sandbox;
    }

    /** Runs a command in the namespace on firewalld's bus; throws with its output and firewalld's log when it fails. */
    public String run(String... command) throws IOException {
        String[] full = new String[command.length + 2];
        full[0] = "env";
        full[1] = bus;
        System.arraycopy(command, 0, full, 2, command.length);
        NetworkNamespace.ProcessResult r = ns.exec(full);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output()
                    + "\nfirewalld.log:\n" + log());
        }
        return r.output();
    }

    /** firewalld's log so far. */
    public String log() throws IOException {
        return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    }

    private Path logFile() {
        return dir.resolve("firewalld.log");
    }
}
