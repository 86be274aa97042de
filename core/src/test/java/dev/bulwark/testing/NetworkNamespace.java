package dev.bulwark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test creates and deletes ({@code ip netns}), with loopback up. Names are
 * unique per JVM and call, so parallel test runs never collide. Use with try-with-resources;
 * deleting the namespace also deletes the veth ends inside it. Only for tests annotated
 * {@link RequiresNetworkNamespaces}.
 *
 * <pre>{@code
 * try (NetworkNamespace server = NetworkNamespace.create("srv");
 *      NetworkNamespace client = NetworkNamespace.create("cli")) {
 *     NetworkNamespace.link(server, "10.99.0.1/24", client, "10.99.0.2/24");
 *     client.exec("ping", "-c1", "-W1", "10.99.0.1");
 * }
 * }</pre>
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final List<Process> processes = new ArrayList<>();

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Creates a namespace named {@code bw<prefix><pid>n<k>} (at most 15 characters of prefix used) with loopback up. */
    public static NetworkNamespace create(String prefix) throws IOException {
        String clean = prefix.replaceAll("[^A-Za-z0-9]", "");
        String name = "bw" + clean.substring(0, Math.min(6, clean.length()))
                + ProcessHandle.current().pid() + "n" + COUNTER.incrementAndGet();
        ProcessResult added = run(List.of(Tools.path("ip"), "netns", "add", name));
        if (added.exitCode() != 0) {
            throw new IOException("ip netns add " + name + " failed: " + added.output());
        }
        NetworkNamespace ns = new NetworkNamespace(name);
        ns.execChecked("ip", "link", "set", "lo", "up");
        return ns;
    }

    /**
     * Connects two namespaces with a veth pair and gives each end an address (CIDR form; IPv6
     * addresses are added with {@code nodad} so they are usable at once). Returns the interface
     * names, {@code a}'s end first.
     */
    public static List<String> link(NetworkNamespace a, String addressA, NetworkNamespace b, String addressB)
            throws IOException {
        int k = COUNTER.incrementAndGet();
        String endA = "bwa" + ProcessHandle.current().pid() % 100000 + "x" + k;
        String endB = "bwb" + ProcessHandle.current().pid() % 100000 + "x" + k;
        checked(List.of(Tools.path("ip"), "link", "add", endA, "netns", a.name, "type", "veth",
                "peer", "name", endB, "netns", b.name));
        a.addAddress(endA, addressA);
        b.addAddress(endB, addressB);
        a.execChecked("ip", "link", "set", endA, "up");
        b.execChecked("ip", "link", "set", endB, "up");
        return List.of(endA, endB);
    }

    /**
     * Closes every namespace given (nulls skipped), even when closing one fails; the first failure
     * is thrown at the end with the later ones suppressed.
     */
    public static void closeAll(Iterable<NetworkNamespace> namespaces) throws IOException {
        IOException first = null;
        for (NetworkNamespace ns : namespaces) {
            try {
                if (ns != null) {
                    ns.close();
                }
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Adds an address (CIDR form) to an interface in this namespace. */
    public void addAddress(String device, String cidr) throws IOException {
        if (cidr.contains(":")) {
            execChecked("ip", "-6", "addr", "add", cidr, "dev", device, "nodad");
        } else {
            execChecked("ip", "addr", "add", cidr, "dev", device);
        }
    }

    /** The namespace's name, for {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /** Runs a command inside the namespace and waits for it (60 s at most). */
    public ProcessResult exec(String... command) throws IOException {
        return run(wrap(List.of(command)));
    }

    /** Runs a command inside the namespace; throws when it exits non-zero. */
    public ProcessResult execChecked(String... command) throws IOException {
        return checked(wrap(List.of(command)));
    }

    /** Starts a long-running command inside the namespace; it is killed on {@link #close()}. */
    public Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(wrap(List.of(command))).redirectErrorStream(true).start();
        processes.add(p);
        return p;
    }

    /** The full argument list that runs {@code command} in this namespace. */
    public List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(List.of(Tools.path("ip"), "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() throws IOException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run(List.of(Tools.path("ip"), "netns", "delete", name));
    }

    /** The exit code and combined output of a finished command. */
    public record ProcessResult(int exitCode, String output) {
    }

    private static ProcessResult checked(List<String> command) throws IOException {
        ProcessResult r = run(command);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output());
        }
        return r;
    }

    static ProcessResult run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " timed out");
            }
            return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
