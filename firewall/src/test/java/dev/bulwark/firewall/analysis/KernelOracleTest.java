package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.analysis.ExposureOracle.Verdict;
import dev.bulwark.firewall.analysis.KernelLab.Client;
import dev.bulwark.firewall.analysis.KernelLab.Prober;
import dev.bulwark.firewall.analysis.OracleRules.Scenario;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.NftJson;
import dev.bulwark.firewall.parse.NftText;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.testing.NetworkNamespace.ProcessResult;
import dev.bulwark.testing.RequiresNetworkNamespaces;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The differential kernel oracle: random realistic rulesets (iptables-restore files or nft scripts,
 * {@link OracleGenerator}) are loaded one after another into the server of one {@link KernelLab#full()
 * lab}; every client tries every listener and forwarded port at once; the rules read back from the
 * kernel ({@code iptables-save}, {@code nft -j list ruleset} or {@code nft list ruleset}, rotating)
 * are analysed with the lab's {@code ss} listing and interfaces, and {@link ExposureOracle} judges
 * each probe. The analysis must never report less than the kernel lets through (no under-report);
 * over-reports are counted and printed.
 *
 * <p>Properties: {@code bulwark.oracle.cases} (default 500), {@code bulwark.oracle.baseSeed}
 * (default: random, printed), {@code bulwark.oracle.seed} (run that one case only, as a failure
 * prints it, with its over-reported probes, the ruleset and what the analysis said),
 * {@code bulwark.oracle.explain} (print every over-reported probe with its seed), {@code
 * bulwark.oracle.timeoutMs} (how long a probe waits for an answer, default 300).
 */
@Tag("interop")
@RequiresNetworkNamespaces
@RequiresTool({"nft", "iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save", "ss", "python3"})
class KernelOracleTest {

    private static final String[] SERVER_LISTENERS = {
        "tcp/0.0.0.0/22", "tcp/::/22", "tcp/0.0.0.0/80", "tcp/::/80", "tcp/0.0.0.0/443", "tcp/::/443",
        "tcp/0.0.0.0/5432", "tcp/::/5432", "tcp/0.0.0.0/8443", "tcp/::/8443", "tcp/10.20.0.1/9050",
        "tcp/fd00:20::1/9050", "tcp/198.51.100.1/3306", "tcp/2001:db8:51::1/3306", "tcp/127.0.0.1/6379",
        "tcp/::1/6379", "udp/0.0.0.0/53", "udp/::/53", "udp/0.0.0.0/1194", "udp/::/1194", "udp/10.20.0.1/9053",
        "udp/fd00:20::1/9053"};
    private static final String[] CONTAINER_LISTENERS = {"tcp/0.0.0.0/80", "tcp/::/80", "udp/0.0.0.0/5353", "udp/::/5353"};
    /** Ports tried at the server's address on the client's link, per protocol. */
    private static final int[] LINK_TCP = {22, 80, 443, 5432, 8443, 8080, 8081, 2222, 15432};
    private static final int[] LINK_UDP = {53, 1194, 5353};
    private static final int MAX_PRINTED = 5;

    private static KernelLab lab;
    private static Path dir;
    private static SocketTable sockets;
    private static HostInterfaces interfaces;
    private static final Map<String, Prober> PROBERS = new LinkedHashMap<>();
    private static KernelLab.Shell shell;

    @BeforeAll
    static void startLab() throws IOException {
        lab = KernelLab.full();
        dir = Files.createTempDirectory("bw-oracle");
        lab.listen(SERVER_LISTENERS);
        lab.listen(lab.clients.get("container").ns(), "container", CONTAINER_LISTENERS);
        sockets = SocketTable.parse(lab.server.execChecked("ss", "-lntu").output());
        interfaces = HostInterfaces.parse(lab.server.execChecked("ip", "-j", "addr").output(),
                lab.server.execChecked("ip", "-j", "route").output());
        shell = lab.shell(lab.server);
        double timeout = Integer.getInteger("bulwark.oracle.timeoutMs", 300) / 1000.0;
        for (Client c : lab.clients.values()) {
            PROBERS.put(c.name(), lab.prober(c, timeout));
        }
    }

    @AfterAll
    static void stopLab() throws IOException {
        if (lab != null) {
            lab.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** One generated case: its rules as loaded, and how they are read back. */
    record Case(long seed, boolean nft, String v4, String v6, String script, String reader) {
        static Case of(long seed) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
            Scenario s = OracleGenerator.generate(seed);
            if (r.nextBoolean()) {
                return new Case(seed, true, null, null, OracleNftWriter.write(s, seed), r.nextBoolean() ? "nft -j" : "nft");
            }
            String reader = new String[] {"iptables-save", "nft -j", "nft"}[r.nextInt(3)];
            return new Case(seed, false, OracleIptablesWriter.write(s, false, seed), OracleIptablesWriter.write(s, true, seed),
                    null, reader);
        }

        String text() {
            return nft ? script : "# iptables-restore\n" + v4 + "# ip6tables-restore\n" + v6;
        }
    }

    @Test
    void theAnalysisNeverReportsLessThanRealClientsReach() throws IOException {
        Long only = Long.getLong("bulwark.oracle.seed");
        long base = Long.getLong("bulwark.oracle.baseSeed", new Random().nextLong() & 0xFFFFFFFFFFFFL);
        int cases = only != null ? 1 : Integer.getInteger("bulwark.oracle.cases", 500);
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Map<String, Integer> readers = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int failedCases = 0;
        int crashed = 0;
        int reachedElsewhere = 0;
        Map<String, String> underClasses = new java.util.TreeMap<>();
        Map<String, long[]> overByReader = new java.util.TreeMap<>();
        long started = System.nanoTime();
        long[] phases = new long[5];
        for (int i = 0; i < cases; i++) {
            long seed = only != null ? only : base + i;
            long tg = System.nanoTime();
            Case c = Case.of(seed);
            phases[3] += System.nanoTime() - tg;
            readers.merge((c.nft() ? "nft-script/" : "iptables/") + c.reader(), 1, Integer::sum);
            long t0 = System.nanoTime();
            String loadError = load(c);
            long t1 = System.nanoTime();
            phases[0] += t1 - t0;
            // the clients probe while the rules are read back and analysed
            sendProbes(i);
            if (loadError != null) {
                receiveProbes();
                refused++;
                failures.add(refused > MAX_PRINTED ? "seed " + seed + " refused" :"seed " + seed + ": the kernel refused the generated ruleset: " + loadError + "\n" + c.text());
                continue;
            }
            List<String> under = new ArrayList<>();
            ExposureResult result;
            try {
                result = ExposureAnalysis.analyze(readBack(c.reader()), sockets, interfaces);
            } catch (RuntimeException e) {
                receiveProbes();
                crashed++;
                String why = String.valueOf(e.getMessage()).replaceAll(" in '.*", "").replaceAll("^[^:]*:\\d+:\\d+: ", "");
                underClasses.merge("cannot read back or analyse: " + why + " (" + (c.nft() ? "nft script" : "iptables")
                        + ", read by " + c.reader() + ")", "1 " + seed,
                        (a, b) -> (Integer.parseInt(a.split(" ")[0]) + 1) + " " + a.split(" ")[1]);
                if (crashed <= MAX_PRINTED) {
                    failures.add("seed " + seed + ": reading back with " + c.reader() + " or analysing failed: " + e
                            + " (rerun: -Dbulwark.oracle.seed=" + seed + ")\n" + c.text());
                }
                continue;
            }
            ExposureOracle oracle = new ExposureOracle(result);
            long t2 = System.nanoTime();
            phases[1] += t2 - t1;
            Map<String, Map<String, String>> observed = receiveProbes();
            long t3 = System.nanoTime();
            phases[2] += t3 - t2; // the wait for the probes beyond reading back and analysing
            Set<String> elsewhere = reachedElsewhere(oracle, observed, i);
            for (Client client : lab.clients.values()) {
                for (Map.Entry<String, String> o : observed.get(client.name()).entrySet()) {
                    String[] t = o.getKey().split(",");
                    String[] res = o.getValue().split(",", 2);
                    boolean v6 = t[1].contains(":");
                    Verdict v = oracle.judge(t[0], client.address(v6), client.serverIface(), t[1],
                            Integer.parseInt(t[2]), res[0].equals("open"), res[1]);
                    if (v == Verdict.OVER_REPORT && elsewhere.contains(client.name() + "|" + o.getKey())) {
                        // the client reaches the predicted socket through another of the host's addresses
                        v = Verdict.AGREE_OPEN;
                        reachedElsewhere++;
                    }
                    counts.merge(v, 1, Integer::sum);
                    long[] o2 = overByReader.computeIfAbsent((c.nft() ? "nft script" : "iptables") + ", read by "
                            + c.reader(), k -> new long[] {0, 0, seed, 0, 0});
                    o2[1]++;
                    if (v == Verdict.OVER_REPORT && o2[0]++ == 0) {
                        o2[2] = seed;
                    }
                    if (v == Verdict.OVER_REPORT && !oracle.declared(t[0], client.address(v6), t[1], Integer.parseInt(t[2]),
                            client.serverIface()) && o2[3]++ == 0) {
                        o2[4] = seed;
                    }
                    if (v == Verdict.OVER_REPORT && (only != null || Boolean.getBoolean("bulwark.oracle.explain"))) {
                        // one case asked for: say which probes were over-reported, to find what the analysis takes both ways
                        failures.add("over-reported (seed " + seed + ", " + c.reader() + "): " + t[0] + " " + t[1] + " port " + t[2] + " from " + client.name()
                                + " (" + client.address(v6) + " via " + client.serverIface() + ")"
                                + (oracle.declared(t[0], client.address(v6), t[1], Integer.parseInt(t[2]), client.serverIface())
                                        ? " declared" : " silent"));
                    }
                    if (v == Verdict.UNDER_REPORT) {
                        String kind = res[1].startsWith("container:") ? "forwarded to the container"
                                : res[1].isEmpty() ? "no answer" : res[1].endsWith("/" + t[2]) ? "a socket on the port probed"
                                : "redirected to another local port";
                        underClasses.merge(kind + " (" + (c.nft() ? "nft script" : "iptables") + ", read by " + c.reader()
                                + ")", "1 " + seed, (a, b) -> (Integer.parseInt(a.split(" ")[0]) + 1) + " " + a.split(" ")[1]);
                        under.add(t[0] + " " + t[1] + " port " + t[2] + " from " + client.name() + " ("
                                + client.address(v6) + " via " + client.serverIface() + ") answered by " + res[1]);
                    }
                }
            }
            if (only != null) {
                failures.add("the case, read back with " + c.reader() + ":\n" + c.text());
                result.sockets().forEach(x -> failures.add("analysed: " + x));
                result.forwarded().forEach(x -> failures.add("analysed: " + x));
            }
            phases[4] += System.nanoTime() - t3;
            if (!under.isEmpty()) {
                failedCases++;
                if (failedCases <= MAX_PRINTED) {
                    failures.add("seed " + seed + " (read back with " + c.reader() + "): " + under.size()
                            + " under-reports (rerun: -Dbulwark.oracle.seed=" + seed + ")\n  " + String.join("\n  ", under)
                            + "\nanalysis:\n  " + describe(result) + "\nruleset:\n" + c.text());
                }
            }
        }
        int probes = counts.values().stream().mapToInt(Integer::intValue).sum();
        int over = counts.getOrDefault(Verdict.OVER_REPORT, 0);
        int underCount = counts.getOrDefault(Verdict.UNDER_REPORT, 0);
        int open = counts.getOrDefault(Verdict.AGREE_OPEN, 0) + underCount;
        System.out.printf("oracle: %d cases, %,d probes, %d under-reports, %.1f%% over-reports (%d of %,d probes"
                        + "; %d opened) (base seed %d%s), readers %s, %d rulesets refused by the kernel, %d not read back or"
                        + " analysed, %.0f s (load %.0f s, read back and analyse %.0f s, further wait for probes %.0f s, generate %.1f s, judge %.1f s)%n",
                cases, probes, underCount, probes == 0 ? 0.0 : 100.0 * over / probes, over, probes, open, base,
                only != null ? ", only seed " + only : "", readers, refused, crashed,
                (System.nanoTime() - started) / 1e9, phases[0] / 1e9, phases[1] / 1e9, phases[2] / 1e9, phases[3] / 1e9, phases[4] / 1e9);
        System.out.printf("probes closed at the client's own link address but reaching the predicted socket through"
                + " another of the host's addresses (counted as agreeing): %d%n", reachedElsewhere);
        underClasses.forEach((k, v) -> System.out.println((k.startsWith("cannot") ? "" : "under-reports: ") + k + ": "
                + v.split(" ")[0] + (k.startsWith("cannot") ? " cases" : " probes") + ", first seed " + v.split(" ")[1]));
        // silent: predicted by a result that gave no "assumed reachable because …" for it (see ExposureOracle.declared)
        overByReader.forEach((k, v) -> System.out.printf("over-reports: %s: %.1f%% (%d of %,d probes)%s; silent %.1f%% (%d)%s%n",
                k, v[1] == 0 ? 0.0 : 100.0 * v[0] / v[1], v[0], v[1], v[0] == 0 ? "" : ", first seed " + v[2],
                v[1] == 0 ? 0.0 : 100.0 * v[3] / v[1], v[3], v[3] == 0 ? "" : ", first seed " + v[4]));
        failures.forEach(System.out::println);
        assertThat(refused).as("rulesets the kernel refused (a generator bug; printed above)").isZero();
        assertThat(crashed).as("cases whose rules could not be read back or analysed (printed above)").isZero();
        assertThat(underCount).as("under-reports in %d cases (the first %d printed above with seed and ruleset)",
                failedCases, MAX_PRINTED).isZero();
        assertThat(open).as("probes that connected").isPositive();
        assertThat(counts.getOrDefault(Verdict.AGREE_CLOSED, 0) + over).as("probes that did not").isPositive();
    }

    /** Loads a case into the server; returns what the tool said when it refused, else null. */
    private static String load(Case c) throws IOException {
        ProcessResult r;
        if (c.nft()) {
            Path f = Files.writeString(dir.resolve("rules.nft"), c.script());
            r = shell.run("nft -f " + f);
        } else {
            Path v4 = Files.writeString(dir.resolve("rules.v4"), c.v4());
            Path v6 = Files.writeString(dir.resolve("rules.v6"), c.v6());
            r = shell.run("nft flush ruleset && iptables-restore " + v4 + " && ip6tables-restore " + v6);
        }
        return r.exitCode() == 0 ? null : r.output();
    }

    private static Ruleset readBack(String reader) throws IOException {
        return switch (reader) {
            case "iptables-save" -> IptablesSave.parse(shell.checked("iptables-save"), "iptables-save")
                    .merge(IptablesSave.parse(shell.checked("ip6tables-save"), "ip6tables-save"));
            case "nft -j" -> NftJson.parse(shell.checked("nft -j list ruleset"), "nft -j list ruleset");
            default -> NftText.parse(shell.checked("nft list ruleset"), "nft list ruleset");
        };
    }

    /** Every client starts trying every target at once. */
    private static void sendProbes(int caseIndex) throws IOException {
        int firstPort = 10000 + caseIndex * 64 % 50000;
        for (Client c : lab.clients.values()) {
            PROBERS.get(c.name()).send(firstPort, targets(c));
        }
    }

    /** What the clients saw: client → target → "result,answer". */
    private static Map<String, Map<String, String>> receiveProbes() throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Client c : lab.clients.values()) {
            out.put(c.name(), PROBERS.get(c.name()).receive());
        }
        return out;
    }

    /**
     * The over-reported probes to a socket bound to every address that the same client does reach
     * when it sends to another of the server's addresses (every client routes through the server):
     * the analysis answers for the socket, and Linux accepts a packet for any of its addresses on
     * any interface, so a probe of one address alone does not refute it. Keys: {@code
     * "client|proto,address,port"}. The rules of the case are still loaded; the second batch uses
     * other source ports.
     */
    private static Set<String> reachedElsewhere(ExposureOracle oracle, Map<String, Map<String, String>> observed,
                                                int caseIndex) throws IOException {
        Map<String, Set<String>> asks = new LinkedHashMap<>();
        Map<String, List<String>> altsOf = new LinkedHashMap<>();
        for (Client client : lab.clients.values()) {
            for (Map.Entry<String, String> o : observed.get(client.name()).entrySet()) {
                String[] t = o.getKey().split(",");
                boolean v6 = t[1].contains(":");
                int port = Integer.parseInt(t[2]);
                if (o.getValue().startsWith("open") || !t[1].equals(client.serverAddress(v6))
                        || !oracle.predictsSocket(t[0], client.address(v6), client.serverIface(), t[1], port)) {
                    continue;
                }
                List<String> alts = new ArrayList<>();
                for (Client other : lab.clients.values()) {
                    String alt = t[0] + "," + other.serverAddress(v6) + "," + port;
                    if (!other.serverAddress(v6).equals(t[1]) && !alts.contains(alt)) {
                        alts.add(alt);
                    }
                }
                altsOf.put(client.name() + "|" + o.getKey(), alts);
                asks.computeIfAbsent(client.name(), k -> new LinkedHashSet<>()).addAll(alts);
            }
        }
        if (asks.isEmpty()) {
            return Set.of();
        }
        int firstPort = 40000 + caseIndex * 64 % 20000;
        for (Map.Entry<String, Set<String>> e : asks.entrySet()) {
            PROBERS.get(e.getKey()).send(firstPort, new ArrayList<>(e.getValue()));
        }
        Map<String, Map<String, String>> seen = new LinkedHashMap<>();
        for (String name : asks.keySet()) {
            seen.put(name, PROBERS.get(name).receive());
        }
        Set<String> out = new HashSet<>();
        altsOf.forEach((key, alts) -> {
            String name = key.substring(0, key.indexOf('|'));
            String[] t = key.substring(key.indexOf('|') + 1).split(",");
            for (String alt : alts) {
                String r = seen.get(name).getOrDefault(alt, "");
                // "open,host:tcp/0.0.0.0/80": the wildcard socket of that protocol and port answered
                String[] answer = r.startsWith("open,host:") ? r.substring("open,host:".length()).split("/") : new String[0];
                if (answer.length == 3 && answer[0].equals(t[0]) && answer[2].equals(t[2])
                        && List.of("0.0.0.0", "::", "*").contains(answer[1])) {
                    out.add(key);
                    return;
                }
            }
        });
        return out;
    }

    /** What one client tries: the link ports at the server's address on its link, the specific listeners at theirs. */
    static List<String> targets(Client c) {
        List<String> t = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            String link = c.serverAddress(v6);
            for (int port : LINK_TCP) {
                t.add("tcp," + link + "," + port);
            }
            for (int port : LINK_UDP) {
                t.add("udp," + link + "," + port);
            }
            t.add("tcp," + (v6 ? "fd00:20::1" : "10.20.0.1") + ",9050");
            t.add("tcp," + (v6 ? "2001:db8:51::1" : "198.51.100.1") + ",3306");
            t.add("udp," + (v6 ? "fd00:20::1" : "10.20.0.1") + ",9053");
        }
        return t;
    }

    private static String describe(ExposureResult r) {
        List<String> lines = new ArrayList<>();
        for (SocketExposure e : r.sockets()) {
            lines.add(e + " via " + e.via() + (e.notes().isEmpty() ? "" : " (" + e.notes().size() + " notes)"));
        }
        for (ForwardedExposure f : r.forwarded()) {
            lines.add(f + " via " + f.via() + (f.notes().isEmpty() ? "" : " (" + f.notes().size() + " notes)"));
        }
        return String.join("\n  ", lines);
    }
}
