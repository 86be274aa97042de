package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads ufw's {@code /etc/ufw/user.rules} and {@code user6.rules}. Only the
 * {@code ### tuple ###} lines are read: they are ufw's own record of each rule (ufw regenerates
 * the {@code -A} lines from them), so they are the reliable source. The rules keep ufw's order,
 * which is also its evaluation order (first match wins in {@code ufw-user-input}).
 *
 * <p>ufw adds more than these rules: its {@code before.rules} accept loopback, established
 * connections, ICMP destination-unreachable, time-exceeded, parameter-problem and echo-request,
 * DHCP replies (UDP source port 67 to port 68), mDNS only to {@code 224.0.0.251:5353} and SSDP
 * only to {@code 239.255.255.250:1900} before any user rule; see {@link #HIDDEN_ALLOWS}. Analyse
 * the {@code iptables-save} of a ufw machine with {@code ExposureAnalysis} to include them.
 *
 * @see <a href="https://manpages.ubuntu.com/manpages/jammy/man8/ufw.8.html">ufw(8)</a>
 */
public final class UfwUserRules {

    /** The allows ufw's default {@code before.rules} add before every user rule (IPv4). */
    public static final List<String> HIDDEN_ALLOWS = List.of(
            "-i lo -j ACCEPT",
            "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "-p icmp --icmp-type destination-unreachable/time-exceeded/parameter-problem/echo-request -j ACCEPT",
            "-p udp --sport 67 --dport 68 -j ACCEPT",
            "-d 224.0.0.251 -p udp --dport 5353 -j ACCEPT",
            "-d 239.255.255.250 -p udp --dport 1900 -j ACCEPT");

    private static final String TUPLE = "### tuple ###";

    private UfwUserRules() {
    }

    /** Parses {@code user.rules} (IPv4) strictly. */
    public static List<UfwRule> parse(String text) {
        return parse(text, Position.STRING_SOURCE, false);
    }

    /** Parses strictly; {@code ipv6} for {@code user6.rules}. */
    public static List<UfwRule> parse(String text, String source, boolean ipv6) {
        return read(source, text, ipv6, null);
    }

    /** The rules, or empty when a tuple line is malformed. */
    public static Optional<List<UfwRule>> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses leniently: malformed tuple lines are reported (ufw itself skips them with a warning). */
    public static ParseResult<List<UfwRule>> parseLenient(String text, String source, boolean ipv6) {
        List<ParseException> diagnostics = new ArrayList<>();
        List<UfwRule> rules = read(source, text, ipv6, diagnostics::add);
        return new ParseResult<>(rules, diagnostics);
    }

    /**
     * The rules after {@code ufw} adds {@code rule}: a rule with the same tuple (all but action,
     * logging and comment) is replaced where it stands, otherwise the rule is appended.
     */
    public static List<UfwRule> add(List<UfwRule> rules, UfwRule rule) {
        List<UfwRule> out = new ArrayList<>(rules);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).sameTupleAs(rule)) {
                out.set(i, rule);
                return List.copyOf(out);
            }
        }
        out.add(rule);
        return List.copyOf(out);
    }

    private static List<UfwRule> read(String source, String text, boolean ipv6, Consumer<ParseException> lenient) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        List<UfwRule> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.startsWith(TUPLE)) {
                continue;
            }
            try {
                out.add(tuple(Position.of(source, n + 1), line.substring(TUPLE.length()).strip(), ipv6));
            } catch (IllegalArgumentException e) {
                ParseException pe = new ParseException(Position.of(source, n + 1),
                        e instanceof ParseException ? ((ParseException) e).reason() : e.getMessage(), line);
                if (lenient == null) {
                    throw pe;
                }
                lenient.accept(pe);
            }
        }
        return List.copyOf(out);
    }

    private static UfwRule tuple(Position at, String tuple, boolean ipv6) {
        Optional<String> comment = Optional.empty();
        int c = tuple.indexOf(" comment=");
        if (c >= 0) {
            comment = Optional.of(hex(tuple.substring(c + " comment=".length()).strip()));
            tuple = tuple.substring(0, c);
        }
        String[] f = tuple.split("\\s+");
        if (f.length < 6 || f.length > 9) {
            throw new ValidationException("a tuple has 6 to 9 fields, got " + f.length);
        }
        String action = f[0];
        boolean routed = action.startsWith("route:");
        if (routed) {
            action = action.substring("route:".length());
        }
        String log = "";
        int u = action.indexOf('_');
        if (u >= 0) {
            log = action.substring(u + 1);
            action = action.substring(0, u);
        }
        String direction = "in";
        Optional<String> in = Optional.empty();
        Optional<String> out = Optional.empty();
        if (f.length == 7 || f.length == 9) {
            String d = f[f.length - 1];
            direction = d.split("_")[0];
            if (d.contains("!")) {
                in = Optional.of(d.split("!")[0].substring("in_".length()));
                out = Optional.of(d.split("!")[1].substring("out_".length()));
            } else if (d.startsWith("in_")) {
                in = Optional.of(d.substring(3));
            } else if (d.startsWith("out_")) {
                out = Optional.of(d.substring(4));
            } else if (!d.equals("in") && !d.equals("out")) {
                throw new ValidationException("bad direction '" + d + "'");
            }
        }
        Optional<String> app = f.length >= 8 && !f[6].equals("-") ? Optional.of(f[6].replace("%20", " ")) : Optional.empty();
        return new UfwRule(at, action, log, routed, direction.equals("in"), f[1], ports(f[2]), IpNetwork.parse(f[3]),
                ports(f[4]), IpNetwork.parse(f[5]), app, in, out, comment, ipv6);
    }

    private static List<PortRange> ports(String text) {
        if (text.equals("any")) {
            return List.of();
        }
        List<PortRange> out = new ArrayList<>();
        for (String p : text.split(",")) {
            out.add(PortRange.parse(p));
        }
        return out;
    }

    private static String hex(String hex) {
        if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
            throw new ValidationException("comment '" + hex + "' is not hex");
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("comment is not UTF-8", e);
        }
    }
}
