package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.ssh.TestSshd;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.knownhosts.KnownHosts;
import dev.bulwark.ssh.key.SshPublicKey;
import dev.bulwark.testing.RequiresRoot;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet of 50 targets on three loopback sshds, a few of them dead ports. */
@Tag("interop")
@RequiresRoot
@RequiresTool({"sshd", "ssh", "ssh-keygen", "ss"})
class FleetInteropTest {

    @TempDir
    Path dir;

    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void auditsFiftyTargetsTenAtATimeAndDeadPortsFailAlone() throws Exception {
        SshKeyPair key = SshKeyPair.generate();
        List<TestSshd> servers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            KnownHosts known = KnownHosts.empty();
            for (int i = 0; i < 3; i++) {
                Path d = Files.createDirectories(dir.resolve("sshd" + i));
                Files.writeString(d.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
                TestSshd s = TestSshd.start(d);
                servers.add(s);
                known = known.withHost("127.0.0.1", s.port(), SshPublicKey.read(s.hostPublicKeyFile()));
            }
            List<Integer> dead = List.of(deadPort(), deadPort(), deadPort());
            List<SshTarget> targets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int port = i % 10 == 3 && i / 10 < 3 ? dead.get(i / 10) : servers.get(i % 3).port();
                targets.add(SshTarget.of(TestSshd.user(), "127.0.0.1", port));
            }
            ConnectOptions options = ConnectOptions.builder().key(key).hostKeys(HostKeyPolicy.knownHosts(known))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            AtomicInteger progressCalls = new AtomicInteger();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            Set<Integer> doneCounts = ConcurrentHashMap.newKeySet();
            List<FleetResult<ServiceReport>> results = Fleet.builder(SshConnector.create(), options)
                    .executor(pool).concurrency(10).timeout(Duration.ofMinutes(5))
                    .progress((r, done, total) -> {
                        progressCalls.incrementAndGet();
                        doneCounts.add(done);
                        assertThat(total).isEqualTo(50);
                    })
                    .build().run(targets, host -> {
                        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        try {
                            return RemoteAudits.services(host, ServicePolicy.empty());
                        } finally {
                            running.decrementAndGet();
                        }
                    });
            assertThat(results).hasSize(50);
            assertThat(results).extracting(FleetResult::target).isEqualTo(targets);
            List<FleetResult<ServiceReport>> failed = results.stream().filter(r -> !r.isSuccess()).collect(Collectors.toList());
            assertThat(failed).extracting(r -> r.target().port())
                    .as("the targets that failed, and why: %s", failed.stream()
                            .map(r -> r.target() + " " + r.failure().get()).collect(Collectors.toList()))
                    .containsExactlyElementsOf(dead);
            assertThat(failed).allSatisfy(r -> assertThat(r.failure().get()).isInstanceOf(ConnectException.class));
            results.stream().filter(FleetResult::isSuccess).forEach(r -> assertThat(r.value().get().services())
                    .anySatisfy(s -> assertThat(s.port()).isEqualTo(r.target().port())));
            assertThat(progressCalls.get()).isEqualTo(50);
            assertThat(doneCounts).hasSize(50);
            assertThat(maxRunning.get()).isBetween(1, 10);
        } finally {
            pool.shutdownNow();
            servers.forEach(TestSshd::close);
        }
    }

    @Test
    void anOverallTimeoutFailsTheHostsStillRunningAndReturns() throws Exception {
        SshKeyPair key = SshKeyPair.generate();
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestSshd sshd = TestSshd.start(dir)) {
            ConnectOptions options = ConnectOptions.builder().key(key)
                    .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
            SshTarget target = SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port());
            List<FleetResult<String>> results = Fleet.builder(SshConnector.create(), options).executor(pool)
                    .timeout(Duration.ofSeconds(3)).build()
                    .run(List.of(target), host -> host.run(List.of("sleep", "60"), Duration.ofSeconds(90)).stdout());
            assertThat(results).singleElement().satisfies(r -> assertThat(r.failure().get())
                    .isInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessage("the fleet's overall timeout of PT3S passed before " + target + " finished"));
        } finally {
            pool.shutdownNow();
        }
    }
}
