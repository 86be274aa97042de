package dev.bulwark.benchmarks.ssh;

import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.ssh.remote.ConnectOptions;
import dev.bulwark.ssh.remote.Fleet;
import dev.bulwark.ssh.remote.FleetResult;
import dev.bulwark.ssh.remote.HostKeyPolicy;
import dev.bulwark.ssh.remote.RemoteAudits;
import dev.bulwark.ssh.remote.SshConnector;
import dev.bulwark.ssh.remote.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Audits many SSH targets with Bulwark's {@link Fleet} ({@code ss -plunt} on each, parsed and
 * audited) and prints {@code hosts=… ok=… seconds=… hosts_per_second=…}. Used by
 * {@code benchmarks/scripts/fleet-vs-ansible.sh}.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.bulwark.benchmarks.ssh.FleetAuditMain inventory.txt id_ed25519 known_hosts 10
 * }</pre>
 * The inventory has one {@code user host port} line per target.
 */
public final class FleetAuditMain {

    private FleetAuditMain() {
    }

    /** Runs the audit; arguments: inventory, private key file, known_hosts file, concurrency. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FleetAuditMain inventory key known_hosts concurrency");
            System.exit(2);
        }
        List<SshTarget> targets = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                targets.add(SshTarget.of(f[0], f[1], Integer.parseInt(f[2])));
            }
        }
        int concurrency = Integer.parseInt(args[3]);
        long start = System.nanoTime();
        ConnectOptions options = ConnectOptions.builder().keyFile(Path.of(args[1]), null)
                .hostKeys(HostKeyPolicy.knownHosts(Path.of(args[2]))).build();
        SshConnector connector = SshConnector.create();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<FleetResult<ServiceReport>> results;
        try {
            results = Fleet.builder(connector, options).executor(pool).concurrency(concurrency)
                    .timeout(Duration.ofMinutes(10)).build()
                    .run(targets, host -> RemoteAudits.services(host, ServicePolicy.empty()));
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = results.stream().filter(FleetResult::isSuccess).count();
        results.stream().filter(r -> !r.isSuccess()).limit(3).forEach(r -> System.err.println(r));
        System.out.printf("hosts=%d ok=%d seconds=%.3f hosts_per_second=%.1f%n", targets.size(), ok, seconds,
                targets.size() / seconds);
    }
}
