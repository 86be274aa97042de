package dev.bulwark.examples.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.examples.BaselineSpec;
import dev.bulwark.examples.BaselineSpecParser;
import dev.bulwark.examples.SecureBaseline;
import dev.bulwark.testing.NetworkNamespace;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import dev.bulwark.testing.Tools;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's main proof: the admin logs in through what the kit generated, and nobody else does.
 * For the sample spec (under iptables, nft and ufw) and for random valid specs ({@link RandomSpec};
 * {@value #COUNT} of them, default 50, from the seed {@value #SEED}, default random; the seed is in
 * each case's name), the kit is generated with {@code SecureBaseline}, its firewall loaded in the
 * lab's server namespace ({@link KitLab}), a real sshd started with its {@code sshd_config}
 * ({@link LabSshd}) and its {@code authorized_keys} installed for a throwaway account of the
 * admin's name. Then, with the real OpenSSH client:
 * <ul>
 *   <li>from inside the admin's source network, the admin logs in with the kit's key and passphrase;</li>
 *   <li>root, a password (the account's real one), and an unlisted account holding the same key are
 *       refused by sshd, and sshd's log says why;</li>
 *   <li>a client outside every private network reaches the server (ping) but not sshd (timeout: the firewall).</li>
 * </ul>
 * When the spec has peers, the server's and the first peer's WireGuard configs come up (wireguard-go)
 * and the peer reaches every private service open to it through the tunnel, which the outside client does not.
 * Rerun one case with {@code -Dbulwark.kitLogin.seed=SEED -Dbulwark.kitLogin.count=1}.
 */
@RequiresTool({"sshd", "ssh", "ssh-keygen", "ip", "nft", "iptables-restore", "ip6tables-restore", "ufw", "wg",
    "wg-quick", "wireguard-go", "python3", "useradd", "userdel", "groupadd", "groupdel", "chpasswd", "getent", "unshare",
    "ping"})
@RequiresNetworkNamespaces
class KitLoginTest {

    static final String COUNT = "bulwark.kitLogin.count";
    static final String SEED = "bulwark.kitLogin.seed";

    /** The firewalls a kit ships, as loaded in the lab. */
    enum Firewall { IPTABLES, NFT, UFW }

    @TempDir
    static Path work;
    static KitLab lab;
    static LabSsh client;
    static Path hostKey;
    static ThrowawayUser stranger;
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final Map<Long, Future<Path>> NEXT_KITS = new ConcurrentHashMap<>();
    private static List<Long> seeds;
    static ExecutorService pool;

    @BeforeAll
    static void buildTheLab() throws Exception {
        pool = Executors.newCachedThreadPool();
        lab = KitLab.create();
        hostKey = work.resolve("ssh_host_ed25519_key");
        Process keygen = new ProcessBuilder(Tools.path("ssh-keygen"), "-q", "-t", "ed25519", "-N", "", "-C", "lab host",
                "-f", hostKey.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes())).isZero();
        client = LabSsh.trusting(Files.readString(Path.of(hostKey + ".pub")), work);
        stranger = ThrowawayUser.create("bwkstranger" + ProcessHandle.current().pid(), password(), List.of());
    }

    @AfterAll
    static void tearDownTheLab() throws IOException {
        pool.shutdownNow();
        try {
            if (stranger != null) {
                stranger.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    static synchronized List<Long> seeds() {
        if (seeds == null) {
            long base = Long.getLong(SEED, new SecureRandom().nextLong());
            int count = Integer.getInteger(COUNT, 50);
            seeds = LongStream.range(0, count).map(i -> base + i).boxed().collect(Collectors.toUnmodifiableList());
            System.err.println("KitLoginTest: " + count + " random specs from seed " + base + " (rerun one: -D" + SEED
                    + "=SEED -D" + COUNT + "=1)");
        }
        return seeds;
    }

    /**
     * The kit for {@code seed}, and the next seed's kit started in the background: generating a kit
     * takes CPU (keys, certificates) while a case mostly waits on the network.
     */
    private static Path kitFor(long seed) throws Exception {
        Future<Path> mine = NEXT_KITS.remove(seed);
        int next = seeds().indexOf(seed) + 1;
        if (next > 0 && next < seeds().size()) {
            long nextSeed = seeds().get(next);
            NEXT_KITS.put(nextSeed, pool.submit(() -> generate(RandomSpec.generate(nextSeed))));
        }
        return mine != null ? mine.get() : generate(RandomSpec.generate(seed));
    }

    private static Path generate(RandomSpec spec) throws IOException {
        return generate(spec.text(), describe(spec));
    }

    private static String describe(RandomSpec spec) {
        return "random spec (rerun: -D" + SEED + "=" + spec.seed() + " -D" + COUNT + "=1) " + spec;
    }

    @Test
    void theSampleSpecLetsOnlyTheAdminInUnderEachFirewall() throws Exception {
        String sample;
        try (InputStream in = SecureBaseline.class.getResourceAsStream("baseline.spec")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path kit = generate(sample, "the sample spec");
        // the passphrase the logins give through SSH_ASKPASS is needed: the key does not open without it
        Process open = new ProcessBuilder(Tools.path("ssh-keygen"), "-y", "-P", "", "-f",
                kit.resolve("ssh/id_ed25519").toString()).redirectErrorStream(true).start();
        String opened = new String(open.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(open.waitFor()).as(opened).isNotZero();
        for (Firewall firewall : Firewall.values()) {
            prove(kit, sample, InetAddress.getByName("192.0.2.10"), firewall, "the sample spec under " + firewall);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomValidSpecLetsOnlyTheAdminIn(long seed) throws Exception {
        RandomSpec spec = RandomSpec.generate(seed);
        String what = describe(spec);
        try {
            Path kit;
            try {
                kit = kitFor(seed);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error) {
                    throw (Error) e.getCause();
                }
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
            // iptables and nft alternate; every tenth case also runs ufw.sh (slow: one Python start per command)
            Firewall firewall = Math.floorMod(seed, 2) == 0 ? Firewall.IPTABLES : Firewall.NFT;
            prove(kit, spec.text(), spec.inside(), firewall, what + "\nunder " + firewall);
            if (Math.floorMod(seed, 10) == 5) {
                prove(kit, spec.text(), spec.inside(), Firewall.UFW, what + "\nunder UFW");
            }
        } catch (Exception e) {
            // the lab's own failures (a tool, a namespace) name the seed too
            throw new AssertionError(e + "\n" + what, e);
        }
    }

    /** Runs the kit as a user does, {@code --spec FILE --no-audit}; a valid spec must give exit status 0. */
    private static Path generate(String specText, String what) throws IOException {
        Path dir = Files.createDirectories(work.resolve("case" + CASES.incrementAndGet()));
        Path specFile = dir.resolve("server.spec");
        Files.writeString(specFile, specText);
        Path kit = dir.resolve("kit");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SecureBaseline.run(List.of("--out", kit.toString(), "--spec", specFile.toString(), "--no-audit"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("the kit refused a valid spec: %s%n%s", err.toString(StandardCharsets.UTF_8), what)
                .isZero();
        return kit;
    }

    private static void prove(Path kit, String specText, InetAddress inside, Firewall firewall, String what)
            throws Exception {
        BaselineSpec spec = BaselineSpecParser.parse(specText, "spec");
        Path dir = kit.getParent();
        lab.serverAddress(spec.vpnEndpoint().map(WireGuardEndpoint::host).orElse(RandomSpec.SERVER_V4));
        lab.placeAdmin(inside);
        switch (firewall) {
            case IPTABLES: lab.loadIptables(kit); break;
            case NFT: lab.loadNft(kit); break;
            default: lab.loadUfw(kit, dir);
        }
        String server = lab.serverFor(inside);
        int port = spec.sshPort();
        Path key = kit.resolve("ssh/id_ed25519");
        Path passphrase = LabSsh.askpass(kit.resolve("ssh/PASSPHRASE"), dir, "askpass-passphrase");
        String authorizedKeys = Files.readString(kit.resolve("ssh/authorized_keys"));
        stranger.authorizedKeys(authorizedKeys);
        try (ThrowawayUser admin = ThrowawayUser.create(spec.adminUser(), password(), spec.adminGroups());
             LabSshd sshd = LabSshd.start(lab.server, kit.resolve("ssh/sshd_config"), hostKey,
                     dir.resolve("sshd.pid"), port)) {
            admin.authorizedKeys(authorizedKeys);
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, admin.password() + "\n");
            Path password = LabSsh.askpass(passwordFile, dir, "askpass-password");

            NetworkNamespace.ProcessResult in = client.login(lab.admin, admin.name(), server, port, key, passphrase);
            assertThat(in.exitCode()).as("the admin logs in from %s with the kit's key and passphrase: %s%nsshd: %s%n%s",
                    IpAddresses.format(inside), in.output(), sshd.logSince(0), what).isZero();

            // the refusals are independent: they run at once (the outside client waits for its connect timeout)
            String outsideTo = server.contains(":") ? KitLab.SERVER_V6 : server;
            int mark = sshd.mark();
            Future<NetworkNamespace.ProcessResult> root = pool.submit(() ->
                    client.login(lab.admin, "root", server, port, key, passphrase));
            Future<NetworkNamespace.ProcessResult> pw = pool.submit(() ->
                    client.login(lab.admin, admin.name(), server, port, key, password,
                            "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive"));
            Future<NetworkNamespace.ProcessResult> other = pool.submit(() ->
                    client.login(lab.admin, stranger.name(), server, port, key, passphrase));
            Future<NetworkNamespace.ProcessResult> out = pool.submit(() ->
                    client.login(lab.outside, admin.name(), outsideTo, port, key, passphrase));
            Future<Boolean> outsidePings = pool.submit(() -> lab.pings(lab.outside, outsideTo));

            String from = " from " + IpAddresses.format(inside);
            assertThat(root.get().exitCode()).as("root: %s%n%s", root.get().output(), what).isEqualTo(255);
            assertThat(root.get().output()).as(what).contains("Permission denied (publickey).");
            assertThat(sshd.await(mark, l -> l.contains("User root" + from + " not allowed because not listed in AllowUsers")
                    || l.contains("ROOT LOGIN REFUSED"))).as("sshd refuses root: %s%n%s", sshd.logSince(mark), what).isTrue();

            assertThat(pw.get().exitCode()).as("password login: %s%n%s", pw.get().output(), what).isEqualTo(255);
            // the server offers public keys only: no password or keyboard-interactive prompt is ever shown
            assertThat(pw.get().output()).as(what).contains("Permission denied (publickey).");

            assertThat(other.get().exitCode()).as("unlisted user: %s%n%s", other.get().output(), what).isEqualTo(255);
            assertThat(other.get().output()).as(what).contains("Permission denied (publickey).");
            assertThat(sshd.await(mark, l -> l.contains("User " + stranger.name() + from
                    + " not allowed because not listed in AllowUsers"))).as("sshd: %s%n%s", sshd.logSince(mark), what).isTrue();

            assertThat(outsidePings.get()).as("the outside client reaches the server: " + what).isTrue();
            assertThat(out.get().exitCode()).as("outside: %s%n%s", out.get().output(), what).isEqualTo(255);
            assertThat(out.get().output()).as("the firewall drops the outside client's connection: " + what)
                    .contains("Connection timed out");

            if (!spec.peers().isEmpty()) {
                throughTheTunnel(kit, spec, firewall, admin, key, passphrase, what);
            }
        }
    }

    /** The server's and the first peer's WireGuard configs up; the peer reaches what is private to it, the outside client not. */
    private static void throughTheTunnel(Path kit, BaselineSpec spec, Firewall firewall, ThrowawayUser admin, Path key,
            Path passphrase, String what) throws Exception {
        String peerName = spec.peers().get(0).name();
        InetAddress serverTunnel = tunnelAddress(kit.resolve("vpn/" + spec.hostname() + ".conf"));
        InetAddress peerTunnel = tunnelAddress(kit.resolve("vpn/" + peerName + ".conf"));
        List<ExpectedService> open = new ArrayList<>();
        for (ExpectedService s : spec.effectiveServices()) {
            if (s.exposure() == Exposure.PRIVATE && !s.name().equals("ssh")
                    && s.allowedFrom().stream().anyMatch(n -> n.contains(peerTunnel))) {
                open.add(s);
            }
        }
        assertThat(open).as("the generator gives every spec with peers a private service for them: " + what).isNotEmpty();
        List<String> listen = new ArrayList<>();
        for (ExpectedService s : open) {
            for (int p : new TreeSet<>(List.of(s.ports().first(), s.ports().last()))) {
                listen.add(s.protocol().wireName() + "/" + p);
            }
        }
        try (LabWireGuard hub = LabWireGuard.up(lab.server, kit.resolve("vpn/" + spec.hostname() + ".conf"), kit.getParent());
             LabWireGuard peer = LabWireGuard.up(lab.peer, kit.resolve("vpn/" + peerName + ".conf"), kit.getParent());
             LabServices services = LabServices.listen(lab.server, listen)) {
            String tunnel = IpAddresses.format(serverTunnel);
            List<Future<String>> outside = new ArrayList<>();
            for (String target : listen) {
                outside.add(pool.submit(() -> LabServices.probe(lab.outside, protocol(target), lab.serverV4(),
                        port(target), 1)));
            }
            for (String target : listen) {
                // the first packet waits for the handshake
                assertThat(LabServices.probe(lab.peer, protocol(target), tunnel, port(target), 5))
                        .as("peer %s reaches %s on %s through the tunnel%n%s", peerName, target, tunnel, what)
                        .isEqualTo("listener");
            }
            for (int i = 0; i < listen.size(); i++) {
                assertThat(outside.get(i).get()).as("the outside client does not reach %s%n%s", listen.get(i), what)
                        .isEqualTo("timeout");
            }
            ExpectedService ssh = spec.effectiveServices().get(0);
            if (ssh.allowedFrom().stream().anyMatch(n -> n.contains(peerTunnel))) {
                NetworkNamespace.ProcessResult viaTunnel = client.login(lab.peer, admin.name(), tunnel, spec.sshPort(),
                        key, passphrase);
                assertThat(viaTunnel.exitCode()).as("the admin logs in through the tunnel: %s%n%s", viaTunnel.output(), what)
                        .isZero();
            }
        }
    }

    private static String protocol(String target) {
        return target.substring(0, target.indexOf('/'));
    }

    private static int port(String target) {
        return Integer.parseInt(target.substring(target.indexOf('/') + 1));
    }

    private static InetAddress tunnelAddress(Path config) throws IOException {
        Matcher m = Pattern.compile("(?m)^Address\\s*=\\s*([^,/\\s]+)").matcher(Files.readString(config));
        assertThat(m.find()).as(config + " has an Address").isTrue();
        return InetAddress.getByName(m.group(1));
    }

    private static String password() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }
}
