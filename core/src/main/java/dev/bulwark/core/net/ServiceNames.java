package dev.bulwark.core.net;

import dev.bulwark.core.host.Host;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A services database: service names to port numbers per protocol ({@code services(5)}), and IP
 * protocol names to numbers ({@code protocols(5)}). {@code ss} without {@code -n} prints a port as
 * the name this database gives it ({@code 0.0.0.0:ssh}), and a raw socket's protocol as its
 * protocol name ({@code *:ipv6-icmp}); {@link Endpoint#withServiceNames(ServiceNames, String)}
 * maps them back.
 *
 * <p>Read the database of the machine the listing came from ({@link #read(Host)}): a machine may
 * name ports differently. {@link #builtIn()} knows the IANA names of the common well-known ports
 * and protocols, for listings whose machine is not at hand.
 *
 * <pre>{@code
 * ServiceNames names = ServiceNames.read(host);      // /etc/services and /etc/protocols there
 * SocketTable table = SocketTable.parse(listing, "ss -tl on web1", names);
 * }</pre>
 *
 * @see <a href="https://man7.org/linux/man-pages/man5/services.5.html">services(5)</a>
 * @see <a href="https://man7.org/linux/man-pages/man5/protocols.5.html">protocols(5)</a>
 */
public final class ServiceNames {

    /** Where the services database lives. */
    public static final Path SERVICES = Path.of("/etc/services");
    /** Where the protocols database lives. */
    public static final Path PROTOCOLS = Path.of("/etc/protocols");

    private static final ServiceNames BUILT_IN = parse(BuiltInServiceNames.SERVICES.replaceAll(
            "(?m)^(\\S+) (\\d+) (\\S+)(.*)$", "$1 $2/$3$4"), BuiltInServiceNames.PROTOCOLS, true);

    /** "name/protocol" to port. */
    private final Map<String, Integer> ports;
    /** Protocol name to number. */
    private final Map<String, Integer> protocols;

    private ServiceNames(Map<String, Integer> ports, Map<String, Integer> protocols) {
        this.ports = ports;
        this.protocols = protocols;
    }

    /** The IANA names of the common well-known ports and IP protocols. */
    public static ServiceNames builtIn() {
        return BUILT_IN;
    }

    /**
     * A database of these files' text: {@code services} in {@code services(5)} form
     * ({@code name port/protocol [aliases…] [# comment]}), {@code protocols} in
     * {@code protocols(5)} form ({@code name number [aliases…]}). Lines the C library would skip
     * (malformed, out of range) are skipped, as {@code getservent(3)} does, so the result maps
     * exactly the names {@code ss} could have printed. Linear in the input.
     */
    public static ServiceNames parse(CharSequence services, CharSequence protocols) {
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(protocols, "protocols");
        return parse(services.toString(), protocols.toString(), false);
    }

    /**
     * The database of {@code host}: its {@code /etc/services} and {@code /etc/protocols}, each
     * replaced by the built-in table when the host has no such file.
     *
     * @throws IOException when a file exists but cannot be read
     */
    public static ServiceNames read(Host host) throws IOException {
        Objects.requireNonNull(host, "host");
        ServiceNames services = host.exists(SERVICES) ? parse(host.readString(SERVICES), "") : null;
        ServiceNames protocols = host.exists(PROTOCOLS) ? parse("", host.readString(PROTOCOLS)) : null;
        return new ServiceNames(services != null ? services.ports : BUILT_IN.ports,
                protocols != null ? protocols.protocols : BUILT_IN.protocols);
    }

    private static ServiceNames parse(String services, String protocols, boolean builtIn) {
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Integer> numbers = new HashMap<>();
        for (String line : (Iterable<String>) services.lines()::iterator) {
            String[] words = words(line);
            if (words.length < 2) {
                continue;
            }
            int slash = words[1].indexOf('/');
            int port = slash > 0 ? number(words[1].substring(0, slash), 65535) : -1;
            if (port < 0 || builtIn && port == 0) {
                continue;
            }
            for (String protocol : words[1].substring(slash + 1).split(",")) {
                for (int i = 0; i < words.length; i++) {
                    if (i != 1) {
                        // the official name first, then aliases: a name keeps its first port, as getservbyname(3)
                        ports.putIfAbsent(words[i] + "/" + protocol, port);
                    }
                }
            }
        }
        for (String line : (Iterable<String>) protocols.lines()::iterator) {
            String[] words = words(line);
            int number = words.length >= 2 ? number(words[1], 255) : -1;
            if (number < 0) {
                continue;
            }
            for (int i = 0; i < words.length; i++) {
                if (i != 1) {
                    numbers.putIfAbsent(words[i], number);
                }
            }
        }
        return new ServiceNames(Map.copyOf(ports), Map.copyOf(numbers));
    }

    /** The words of a line before its {@code #} comment. */
    private static String[] words(String line) {
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        return text.isEmpty() ? new String[0] : text.split("[ \t]+");
    }

    /** The decimal number in {@code text} if it is one in 0..max, else -1. */
    private static int number(String text, int max) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    /** The port of service {@code name} over {@code protocol} ({@code tcp}, {@code udp}, …), if the database names it. */
    public OptionalInt port(String name, String protocol) {
        Integer port = ports.get(name + "/" + protocol);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The number of IP protocol {@code name} ({@code icmp} is 1), if the database names it. */
    public OptionalInt protocolNumber(String name) {
        Integer number = protocols.get(name);
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }

    @Override
    public String toString() {
        return "ServiceNames[" + ports.size() + " service names, " + protocols.size() + " protocol names]";
    }
}
