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
import java.util.concurrent.TimeUnit;
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
            // The host's connection was closed at the overall timeout: its worker is free, not in "sleep 60".
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("workers freed").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPerHostTimeoutClosesThatHostsConnectionAndFreesItsWorker() throws Exception {
        SshKeyPair key = SshKeyPair.generate();
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try (TestSshd sshd = TestSshd.start(dir)) {
            ConnectOptions options = ConnectOptions.builder().key(key)
                    .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile())).build();
            SshTarget target = SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port());
            List<FleetResult<String>> results = Fleet.builder(SshConnector.create(), options).executor(pool)
                    .timeout(Duration.ofMinutes(10)).hostTimeout(Duration.ofSeconds(2)).build()
                    .run(List.of(target, target), host -> host.run(List.of("sleep", "600"), Duration.ofHours(1)).stdout());
            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.failure().get())
                    .isInstanceOf(java.util.concurrent.TimeoutException.class)
                    .hasMessage("the operation on " + target + " did not finish within the fleet's per-host timeout of"
                            + " PT2S; its connection was closed"));
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("workers freed").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void silentPortsFailOnTheirOwnLoginDeadlineAndFreeTheirSlots() throws Exception {
        SshKeyPair key = SshKeyPair.generate();
        Files.writeString(dir.resolve("authorized_keys"), key.publicKey().toOpenSsh() + "\n");
        List<ServerSocket> silent = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TestSshd sshd = TestSshd.start(dir)) {
            // Ports that accept TCP (the kernel completes the handshake into the backlog) and never send a banner.
            for (int i = 0; i < 6; i++) {
                silent.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            }
            List<SshTarget> targets = new ArrayList<>();
            for (ServerSocket s : silent) {
                targets.add(SshTarget.of(TestSshd.user(), "127.0.0.1", s.getLocalPort()));
            }
            SshTarget good = SshTarget.of(TestSshd.user(), "127.0.0.1", sshd.port());
            targets.add(good);
            ConnectOptions options = ConnectOptions.builder().key(key)
                    .hostKeys(HostKeyPolicy.knownHosts(sshd.knownHostsFile()))
                    .connectTimeout(Duration.ofSeconds(1)).authTimeout(Duration.ofSeconds(1)).build();
            List<String> finishedOrder = java.util.Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            // Six silent hosts, two at a time: each holds a slot only for its own 3 s login deadline, so the
            // good host (last in line) still runs long before the overall timeout of ten minutes.
            List<FleetResult<String>> results = Fleet.builder(SshConnector.create(), options).executor(pool)
                    .concurrency(2).timeout(Duration.ofMinutes(10))
                    .progress((r, done, total) -> finishedOrder.add(r.isSuccess() ? "ok" : "silent"))
                    .build().run(targets, host -> host.run(List.of("echo", "hi"), Duration.ofSeconds(20)).stdout());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(results).hasSize(7);
            assertThat(results.subList(0, 6)).allSatisfy(r -> assertThat(r.failure().get())
                    .isInstanceOf(java.net.SocketTimeoutException.class)
                    .hasMessage("no SSH login to 127.0.0.1:" + r.target().port() + " within 3000 ms: stopped waiting for"
                            + " the server's SSH banner"));
            assertThat(results.get(6).value()).hasValue("hi\n");
            assertThat(finishedOrder).hasSize(7).containsOnlyOnce("ok");
            // Generous: three rounds of 3 s deadlines, far from the overall timeout.
            assertThat(took).isLessThan(Duration.ofMinutes(2));
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("workers freed").isTrue();
        } finally {
            pool.shutdownNow();
            for (ServerSocket s : silent) {
                s.close();
            }
        }
    }
}
