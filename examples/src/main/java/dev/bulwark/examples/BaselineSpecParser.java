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
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link BaselineSpec} from its line format: one {@code key value...} a line, blank lines
 * and lines starting with {@code #} ignored. Strict: the first bad line throws a
 * {@link ParseException} with the source, line and column of the bad word. The format is documented
 * in {@code examples/README.md}; a full sample is the resource {@code baseline.spec} beside this class.
 */
public final class BaselineSpecParser {

    private static final Set<String> SINGLE = Set.of("host", "admin", "interface", "vpn-network", "vpn-endpoint",
            "ca", "reboot", "mail");
    private static final List<String> KEYS = List.of("host", "admin", "interface", "public", "private", "internal",
            "vpn-network", "vpn-endpoint", "peer", "ca", "server", "reboot", "mail");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern PEER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern CA = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern MAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

    private final String source;
    private final Map<String, String> single = new HashMap<>();
    private final List<ExpectedService> services = new ArrayList<>();
    private final List<BaselineSpec.VpnPeer> peers = new ArrayList<>();
    /** The line of each peer name, to name the first when a name comes again. */
    private final Map<String, Integer> peerLines = new HashMap<>();
    private final List<String> servers = new ArrayList<>();
    private Optional<IpNetwork> vpnNetwork = Optional.empty();
    private Optional<WireGuardEndpoint> vpnEndpoint = Optional.empty();
    private final UpdatePolicy.Builder updates = UpdatePolicy.builder();

    private BaselineSpecParser(String source) {
        this.source = source;
    }

    /**
     * Parses a spec.
     *
     * @param source the name used in error positions, e.g. the file name
     * @throws ParseException at the first bad line, or at the end for a missing or contradictory key
     */
    public static BaselineSpec parse(String text, String source) {
        BaselineSpecParser parser = new BaselineSpecParser(source);
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

    private void line(String line, int number) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                throw new ParseException(new Position(source, number, i + 1),
                        String.format("control character U+%04X", (int) c));
            }
        }
        List<Word> words = words(line);
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
        if (SINGLE.contains(key.text()) && single.putIfAbsent(key.text(), "") != null) {
            throw error(number, key, "'" + key.text() + "' is given twice");
        }
        try {
            value(key.text(), args, number, line);
        } catch (ParseException e) {
            throw e.position().source().equals(source) ? e : error(number, args.get(0), e.reason());
        } catch (IllegalArgumentException e) {
            throw error(number, args.get(0), e.getMessage());
        }
    }

    private void value(String key, List<Word> args, int number, String line) {
        switch (key) {
            case "host": single.put(key, one(args, number, HOST, "a host name")); break;
            case "admin": single.put(key, one(args, number, USER, "a user name (lower case, digits, '_', '-')")); break;
            case "interface": single.put(key, one(args, number, IFACE, "an interface name")); break;
            case "public": services.add(service(args, number, Exposure.PUBLIC)); break;
            case "internal": services.add(service(args, number, Exposure.INTERNAL)); break;
            case "private": services.add(service(args, number, Exposure.PRIVATE)); break;
            case "vpn-network": vpnNetwork = Optional.of(IpNetwork.parse(one(args, number, null, null))); break;
            case "vpn-endpoint": vpnEndpoint = Optional.of(WireGuardEndpoint.parse(one(args, number, null, null))); break;
            case "peer": peers.add(peer(args, number)); break;
            case "server": servers.add(one(args, number, HOST, "a DNS name")); break;
            case "reboot": reboot(one(args, number, null, null), number, args.get(0)); break;
            case "mail": updates.mailTo(one(args, number, MAIL, "a mail address")); break;
            default: // "ca": the rest of the line, spaces included
                String name = line.substring(args.get(0).column() - 1).strip();
                if (!CA.matcher(name).matches()) {
                    throw error(number, args.get(0), "CA name '" + name
                            + "' must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
                }
                single.put(key, name);
        }
    }

    private String one(List<Word> args, int number, Pattern pattern, String what) {
        if (args.size() > 1) {
            throw error(number, args.get(1), "unexpected '" + args.get(1).text() + "' (one value only)");
        }
        String value = args.get(0).text();
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw error(number, args.get(0), "'" + value + "' is not " + what);
        }
        return value;
    }

    private ExpectedService service(List<Word> args, int number, Exposure exposure) {
        if (args.size() < 2) {
            throw error(number, args.get(0), "expected NAME PROTO/PORT, e.g. 'https tcp/443'");
        }
        Word port = args.get(1);
        int slash = port.text().indexOf('/');
        if (slash < 0) {
            throw error(number, port, "'" + port.text() + "' is not PROTO/PORT (e.g. tcp/443 or udp/60000-61000)");
        }
        Protocol protocol = Protocol.parse(port.text().substring(0, slash));
        PortRange ports = PortRange.parse(port.text().substring(slash + 1));
        List<IpNetwork> from = new ArrayList<>();
        if (exposure == Exposure.PRIVATE) {
            if (args.size() < 4 || !args.get(2).text().equals("from")) {
                throw error(number, args.size() > 2 ? args.get(2) : port,
                        "a private service needs 'from NETWORK...', e.g. 'from 10.8.0.0/24'");
            }
            for (Word w : args.subList(3, args.size())) {
                try {
                    from.add(IpNetwork.parse(w.text()));
                } catch (IllegalArgumentException e) {
                    throw error(number, w, e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage());
                }
            }
        } else if (args.size() > 2) {
            throw error(number, args.get(2), "unexpected '" + args.get(2).text() + "' (only private services take 'from')");
        }
        try {
            return new ExpectedService(args.get(0).text(), protocol, ports, exposure, from);
        } catch (IllegalArgumentException e) {
            throw error(number, args.get(0), e.getMessage());
        }
    }

    private BaselineSpec.VpnPeer peer(List<Word> args, int number) {
        if (args.size() > 2) {
            throw error(number, args.get(2), "unexpected '" + args.get(2).text() + "' (peer NAME [HOST:PORT])");
        }
        if (!PEER.matcher(args.get(0).text()).matches()) {
            throw error(number, args.get(0), "peer name '" + args.get(0).text()
                    + "' must be 1 to 32 letters, digits, '_' or '-'");
        }
        Integer first = peerLines.putIfAbsent(args.get(0).text(), number);
        if (first != null) {
            // A hash lookup, not a scan of the peers so far: n peers cost n lookups.
            throw error(number, args.get(0), "peer '" + args.get(0).text() + "' is given twice (first on line "
                    + first + "); each peer gets its own vpn/NAME.conf");
        }
        if (args.size() == 1) {
            return new BaselineSpec.VpnPeer(args.get(0).text(), Optional.empty());
        }
        try {
            return new BaselineSpec.VpnPeer(args.get(0).text(), Optional.of(WireGuardEndpoint.parse(args.get(1).text())));
        } catch (IllegalArgumentException e) {
            throw error(number, args.get(1), e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage());
        }
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
        try {
            return new BaselineSpec(single.get("host"), single.get("admin"), single.getOrDefault("interface", "eth0"),
                    services, vpnNetwork, vpnEndpoint, peers, single.get("ca"), servers, updates.build());
        } catch (IllegalArgumentException e) {
            throw new ParseException(end, e.getMessage());
        }
    }

    private ParseException error(int line, Word word, String reason) {
        return new ParseException(new Position(source, line, word.column()), reason);
    }

    private static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(new Word(line.substring(start, i), start + 1));
            }
        }
        return words;
    }
}
