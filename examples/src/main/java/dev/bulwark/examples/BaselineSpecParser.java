package dev.bulwark.examples;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.updates.UpdatePolicy;
import dev.bulwark.vpn.wireguard.WireGuardEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a {@link BaselineSpec} from its line format: one {@code key value...} a line, blank lines
 * and lines starting with {@code #} ignored. Strict: the first bad line throws a
 * {@link ParseException} with the source, line and column of the bad word, quoting it; a line that
 * contradicts an earlier one names that line; a spec that would lock the admin out
 * ({@link ManagementPath}) is refused at the word that does it. The format is documented in
 * {@code examples/README.md}; a full sample is the resource {@code baseline.spec} beside this class.
 */
public final class BaselineSpecParser {

    private static final Set<String> SINGLE = Set.of("host", "admin", "interface", "vpn-network", "vpn-endpoint",
            "ca", "reboot", "mail", "admin-from", "allow-users", "allow-groups", "admin-groups");
    private static final List<String> KEYS = List.of("host", "admin", "interface", "public", "private", "internal",
            "vpn-network", "vpn-endpoint", "peer", "ca", "server", "reboot", "mail", "admin-from", "allow-users",
            "allow-groups", "admin-groups");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern PEER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern CA = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern MAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");
    private static final String USER_TEXT = "a user name (lower case, digits, '_', '-')";
    /** The most values one line may hold: the checks across lines stay near-linear (a refusal beats a slow check). */
    static final int MAX_VALUES = 1000;
    /** Server names that would overwrite the CA's own files in {@code pki/}. */
    private static final Set<String> RESERVED_SERVERS = Set.of("ca", "crl");

    private final String source;
    /** The value and the line of each single key given so far. */
    private final Map<String, Located> single = new HashMap<>();
    private final List<ExpectedService> services = new ArrayList<>();
    private final List<Located> serviceLines = new ArrayList<>();
    private final Map<String, Integer> serviceNames = new HashMap<>();
    private final Map<Protocol, TreeMap<Integer, Integer>> usedPorts = new EnumMap<>(Protocol.class);
    private final List<BaselineSpec.VpnPeer> peers;
    /** The first peer line; later peer lines are not kept (their words would be held for every peer). */
    private Located firstPeer;
    /** Where each peer's name stands, for the errors that name an earlier line. */
    private final Map<String, At> peerNames;
    private final Map<String, Integer> servers = new HashMap<>();
    private final List<String> serverOrder = new ArrayList<>();
    private String caName;
    private Optional<IpNetwork> vpnNetwork = Optional.empty();
    private Optional<WireGuardEndpoint> vpnEndpoint = Optional.empty();
    private final List<IpNetwork> adminSources = new ArrayList<>();
    private final UpdatePolicy.Builder updates = UpdatePolicy.builder();

    private BaselineSpecParser(String source, int peerLines) {
        this.source = source;
        // sized once: a table grown peer by peer is rehashed again and again, and at tens of
        // thousands of peers each rehash walks memory that no longer fits the cache
        this.peers = new ArrayList<>(peerLines);
        this.peerNames = new HashMap<>(Math.max(16, (int) Math.min(1 << 30, peerLines * 4L / 3 + 1)));
    }

    /** How many lines start with the word {@code peer} (leading blanks allowed): a bound on the peers. */
    private static int peerLines(String text) {
        int count = 0;
        for (int start = 0; start < text.length(); ) {
            int i = start;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (text.startsWith("peer", i) && (i + 4 == text.length() || Character.isWhitespace(text.charAt(i + 4)))) {
                count++;
            }
            int newline = text.indexOf('\n', i);
            start = newline < 0 ? text.length() : newline + 1;
        }
        return count;
    }

    /**
     * Reads a spec file, which must be UTF-8.
     *
     * @throws ParseException at the first bad byte or line, named by the file's path
     * @throws IOException    when the file cannot be read
     */
    public static BaselineSpec read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses a spec from its bytes, which must be UTF-8.
     *
     * @param source the name used in error positions, e.g. the file name
     * @throws ParseException at the first byte that is not UTF-8 or the first bad line
     */
    public static BaselineSpec parse(byte[] utf8, String source) {
        return parse(SpecText.decode(utf8, source), source);
    }

    /**
     * Parses a spec.
     *
     * @param source the name used in error positions, e.g. the file name
     * @throws ParseException at the first bad line, or at the end for a missing or contradictory key
     */
    public static BaselineSpec parse(String text, String source) {
        BaselineSpecParser parser = new BaselineSpecParser(source, peerLines(text));
        int number = 0;
        boolean lastEmpty = false;
        for (int start = 0; start <= text.length(); ) {
            // One line at a time: no array of every line is held while the spec is read.
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int cut = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lastEmpty = end == start;
            parser.line(text.substring(start, cut), ++number);
            start = end + 1;
        }
        return parser.finish(Position.of(source, number > 1 && lastEmpty ? number - 1 : number));
    }

    /** One word of a line and the 1-based column it starts at. */
    private record Word(String text, int column) {
    }

    /** A 1-based line and column. */
    private record At(int line, int column) {
    }

    /** A key, the words after it, and the line they are on. */
    private record Located(int line, Word key, List<Word> args) {
        Word first() {
            return args.get(0);
        }

        List<String> texts() {
            return args.stream().map(Word::text).toList();
        }
    }

    private void line(String line, int number) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                throw new ParseException(new Position(source, number, i + 1),
                        String.format("control character U+%04X", (int) c));
            }
        }
        List<Word> words = SpecText.words(line, Word::new);
        if (words.isEmpty() || words.get(0).text().startsWith("#")) {
            return;
        }
        Word key = words.get(0);
        List<Word> args = words.subList(1, words.size());
        if (!KEYS.contains(key.text())) {
            throw error(number, key, "unknown key '" + key.text() + "' (expected one of " + String.join(", ", KEYS) + ")");
        }
        if (args.isEmpty()) {
            throw new ParseException(new Position(source, number, key.column() + key.text().length()),
                    "'" + key.text() + "' needs a value");
        }
        if (args.size() > MAX_VALUES) {
            throw error(number, args.get(MAX_VALUES), "too many values on one line (at most " + MAX_VALUES + ")");
        }
        Located here = new Located(number, key, args);
        if (SINGLE.contains(key.text())) {
            Located earlier = single.putIfAbsent(key.text(), here);
            if (earlier != null) {
                throw error(number, key, "'" + key.text() + "' is given twice (first on line " + earlier.line() + ")");
            }
        }
        try {
            value(here, line);
        } catch (ParseException e) {
            throw e.position().source().equals(source) ? e : error(number, args.get(0), e.reason());
        } catch (IllegalArgumentException e) {
            throw error(number, args.get(0), e.getMessage());
        }
    }

    private void value(Located here, String line) {
        List<Word> args = here.args();
        int number = here.line();
        switch (here.key().text()) {
            case "host": one(args, number, HOST, "a host name"); break;
            case "admin": admin(one(args, number, USER, USER_TEXT), number, args.get(0)); break;
            case "interface": one(args, number, IFACE, "an interface name"); break;
            case "public": service(here, Exposure.PUBLIC); break;
            case "internal": service(here, Exposure.INTERNAL); break;
            case "private": service(here, Exposure.PRIVATE); break;
            case "vpn-network": vpnNetwork = Optional.of(IpNetwork.parse(one(args, number, null, null))); break;
            case "vpn-endpoint": vpnEndpoint = Optional.of(WireGuardEndpoint.parse(one(args, number, null, null))); break;
            case "peer": peer(here); break;
            case "server": server(one(args, number, HOST, "a DNS name"), number, args.get(0)); break;
            case "reboot": reboot(one(args, number, null, null), number, args.get(0)); break;
            case "mail": updates.mailTo(one(args, number, MAIL, "a mail address")); break;
            case "admin-from": args.forEach(w -> adminSources.add(network(w, number))); break;
            case "allow-users": args.forEach(w -> matches(w, number, USER, USER_TEXT)); break;
            case "allow-groups": case "admin-groups": args.forEach(w -> matches(w, number, USER, "a group name")); break;
            default: // "ca": the rest of the line, spaces included
                String name = line.substring(args.get(0).column() - 1).strip();
                if (!CA.matcher(name).matches()) {
                    throw error(number, args.get(0), "CA name '" + name
                            + "' must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
                }
                caName = name;
        }
    }

    private void admin(String admin, int number, Word word) {
        LockoutRules.admin(admin).ifPresent(problem -> {
            throw error(number, word, problem);
        });
    }

    private String one(List<Word> args, int number, Pattern pattern, String what) {
        if (args.size() > 1) {
            throw error(number, args.get(1), "unexpected '" + args.get(1).text() + "' (one value only)");
        }
        if (pattern != null) {
            matches(args.get(0), number, pattern, what);
        }
        return args.get(0).text();
    }

    private void matches(Word word, int number, Pattern pattern, String what) {
        if (!pattern.matcher(word.text()).matches()) {
            throw error(number, word, "'" + word.text() + "' is not " + what);
        }
    }

    private IpNetwork network(Word w, int number) {
        try {
            return IpNetwork.parse(w.text());
        } catch (IllegalArgumentException e) {
            String reason = e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage();
            throw error(number, w, reason.contains(w.text()) ? reason : "'" + w.text() + "': " + reason);
        }
    }

    private void service(Located here, Exposure exposure) {
        List<Word> args = here.args();
        int number = here.line();
        if (args.size() < 2) {
            throw error(number, args.get(0), "expected NAME PROTO/PORT, e.g. 'https tcp/443'");
        }
        Word name = args.get(0);
        Word port = args.get(1);
        int slash = port.text().indexOf('/');
        if (slash < 0) {
            throw error(number, port, "'" + port.text() + "' is not PROTO/PORT (e.g. tcp/443 or udp/60000-61000)");
        }
        String protocolText = port.text().substring(0, slash);
        Protocol protocol = protocolText.equals("tcp") ? Protocol.TCP : protocolText.equals("udp") ? Protocol.UDP : null;
        if (protocol == null) {
            throw error(number, port, "unknown protocol '" + protocolText + "' (expected tcp or udp)");
        }
        Position portPosition = new Position(source, number, port.column() + slash + 1);
        PortRange ports = PortRange.parse(port.text().substring(slash + 1), portPosition);
        List<IpNetwork> from = new ArrayList<>();
        if (exposure == Exposure.PRIVATE) {
            if (args.size() < 4 || !args.get(2).text().equals("from")) {
                throw error(number, args.size() > 2 ? args.get(2) : port,
                        "a private service needs 'from NETWORK...', e.g. 'from 10.8.0.0/24'");
            }
            args.subList(3, args.size()).forEach(w -> from.add(network(w, number)));
        } else if (args.size() > 2) {
            throw error(number, args.get(2), "unexpected '" + args.get(2).text() + "' (only private services take 'from')");
        }
        ExpectedService service;
        try {
            service = new ExpectedService(name.text(), protocol, ports, exposure, from);
        } catch (IllegalArgumentException e) {
            throw error(number, name, e.getMessage());
        }
        Integer earlier = serviceNames.putIfAbsent(name.text(), number);
        if (earlier != null) {
            throw error(number, name, "service '" + name.text() + "' is given twice (first on line " + earlier + ")");
        }
        if (name.text().equals(LockoutRules.SSH)) {
            LockoutRules.sshService(service).ifPresent(problem -> {
                throw error(number, exposure == Exposure.INTERNAL ? here.key() : port, problem);
            });
        }
        overlap(service, number, port);
        services.add(service);
        serviceLines.add(here);
    }

    /** Refuses a port range that overlaps an earlier service's; the ranges kept are disjoint, so one look suffices. */
    private void overlap(ExpectedService service, int number, Word port) {
        TreeMap<Integer, Integer> used = usedPorts.computeIfAbsent(service.protocol(), p -> new TreeMap<>());
        Map.Entry<Integer, Integer> below = used.floorEntry(service.ports().last());
        if (below != null) {
            ExpectedService other = services.get(below.getValue());
            if (other.ports().last() >= service.ports().first()) {
                Optional<String> lockout = other.name().equals(LockoutRules.SSH)
                        ? LockoutRules.portTaken(service, other.ports().first())
                        : service.name().equals(LockoutRules.SSH)
                        ? LockoutRules.portTaken(other, service.ports().first()) : Optional.empty();
                if (service.name().equals(LockoutRules.SSH)) { // the other service's port is the offending word
                    Located earlier = serviceLines.get(below.getValue());
                    throw error(earlier.line(), earlier.args().get(1), lockout.orElseThrow());
                }
                throw error(number, port, lockout.orElse("'" + service.name() + "' (" + port.text() + ") overlaps '"
                        + other.name() + "' (" + other.protocol().name().toLowerCase(java.util.Locale.ROOT) + "/"
                        + other.ports() + ", line " + serviceLines.get(below.getValue()).line() + ")"));
            }
        }
        used.put(service.ports().first(), services.size());
    }

    private void peer(Located here) {
        List<Word> args = here.args();
        int number = here.line();
        if (args.size() > 2) {
            throw error(number, args.get(2), "unexpected '" + args.get(2).text() + "' (peer NAME [HOST:PORT])");
        }
        Word name = args.get(0);
        if (!PEER.matcher(name.text()).matches()) {
            throw error(number, name, "peer name '" + name.text() + "' must be 1 to 32 letters, digits, '_' or '-'");
        }
        At earlier = peerNames.putIfAbsent(name.text(), new At(number, name.column()));
        if (earlier != null) {
            throw error(number, name, "peer '" + name.text() + "' is given twice (first on line " + earlier.line() + ")");
        }
        Optional<WireGuardEndpoint> endpoint = Optional.empty();
        if (args.size() == 2) {
            try {
                endpoint = Optional.of(WireGuardEndpoint.parse(args.get(1).text()));
            } catch (IllegalArgumentException e) {
                throw error(number, args.get(1), e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage());
            }
        }
        if (!peers.isEmpty() && peers.get(0).endpoint().isPresent() != endpoint.isPresent()) {
            throw error(number, name, "spec: give every peer an endpoint (a mesh) or none (clients of this server);"
                    + " peer '" + peers.get(0).name() + "' on line " + firstPeer.line()
                    + (endpoint.isPresent() ? " has none" : " has one"));
        }
        peers.add(new BaselineSpec.VpnPeer(name.text(), endpoint));
        if (firstPeer == null) {
            firstPeer = here;
        }
    }

    private void server(String name, int number, Word word) {
        if (RESERVED_SERVERS.contains(name)) {
            throw error(number, word, "server name '" + name + "' would overwrite the CA's pki/" + name
                    + " files; use the full DNS name, e.g. '" + name + ".example.com'");
        }
        Integer earlier = servers.putIfAbsent(name, number);
        if (earlier != null) {
            throw error(number, word, "server '" + name + "' is given twice (first on line " + earlier + ")");
        }
        serverOrder.add(name);
    }

    private void reboot(String time, int number, Word word) {
        try {
            updates.automaticReboot(true).rebootTime(LocalTime.parse(time));
        } catch (DateTimeParseException e) {
            throw error(number, word, "'" + time + "' is not a time HH:MM");
        }
    }

    private BaselineSpec finish(Position end) {
        for (String required : List.of("host", "admin", "ca")) {
            if (!single.containsKey(required)) {
                throw new ParseException(end, "missing '" + required + "' line");
            }
        }
        String host = value("host");
        String admin = value("admin");
        At peerWithHostName = peerNames.get(host);
        if (peerWithHostName != null) {
            throw new ParseException(new Position(source, peerWithHostName.line(), peerWithHostName.column()), "peer '"
                    + host + "' has the server's own name (host, line " + single.get("host").line() + ")");
        }
        if (!peers.isEmpty() && (vpnNetwork.isEmpty() || vpnEndpoint.isEmpty())) {
            throw error(firstPeer.line(), firstPeer.key(), "spec: peers need 'vpn-network' and 'vpn-endpoint'");
        }
        checkManagement(admin);
        try {
            return new BaselineSpec(host, admin, Optional.ofNullable(single.get("interface")).map(l -> l.first().text())
                    .orElse("eth0"), services, vpnNetwork, vpnEndpoint, peers, caName, serverOrder, updates.build(),
                    adminSources, texts("allow-users"), texts("allow-groups"), texts("admin-groups"));
        } catch (IllegalArgumentException e) {
            throw new ParseException(end, e.getMessage());
        }
    }

    /** The lockout rules that need the whole spec, each refused at the word that breaks it. */
    private void checkManagement(String admin) {
        Optional<ExpectedService> ssh = services.stream().filter(s -> s.name().equals(LockoutRules.SSH)).findFirst();
        Located from = single.get("admin-from");
        for (int i = 0; ssh.isPresent() && i < adminSources.size(); i++) {
            int index = i;
            LockoutRules.source(adminSources.get(i), ssh.get()).ifPresent(problem -> {
                throw error(from.line(), from.args().get(index), problem);
            });
        }
        if (ssh.isEmpty()) {
            for (int i = 0; i < services.size(); i++) {
                Located line = serviceLines.get(i);
                LockoutRules.portTaken(services.get(i), 22).ifPresent(problem -> {
                    throw error(line.line(), line.args().get(1), problem);
                });
            }
        }
        Located users = single.get("allow-users");
        if (users != null) {
            LockoutRules.allowUsers(admin, users.texts()).ifPresent(problem -> {
                throw error(users.line(), users.first(), problem);
            });
        }
        Located groups = single.get("allow-groups");
        if (groups != null) {
            LockoutRules.allowGroups(admin, texts("admin-groups"), groups.texts()).ifPresent(problem -> {
                throw error(groups.line(), groups.first(), problem);
            });
        }
    }

    private String value(String key) {
        return single.get(key).first().text();
    }

    private List<String> texts(String key) {
        return single.containsKey(key) ? single.get(key).texts() : List.of();
    }

    private ParseException error(int line, Word word, String reason) {
        return new ParseException(new Position(source, line, word.column()), reason);
    }
}
