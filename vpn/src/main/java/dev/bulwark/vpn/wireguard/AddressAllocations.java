package dev.bulwark.vpn.wireguard;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpAddresses;
import java.net.InetAddress;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which tunnel addresses a plan gave to which node: persist it ({@link #render()}, one
 * {@code name address…} line per node) and hand it back to the next plan
 * ({@link WireGuardPlanBuilder#allocations(AddressAllocations)}) so that adding or removing a
 * peer never renumbers the others.
 *
 * @param addresses each node's addresses (at most one IPv4 and one IPv6), by node name
 */
public record AddressAllocations(Map<String, List<InetAddress>> addresses) {

    /** No allocation yet. */
    public static final AddressAllocations NONE = new AddressAllocations(Map.of());

    /** Validates names and that no address is given twice. */
    public AddressAllocations {
        TreeMap<String, List<InetAddress>> copy = new TreeMap<>();
        Set<InetAddress> used = new HashSet<>();
        for (Map.Entry<String, List<InetAddress>> e : addresses.entrySet()) {
            Names.node(e.getKey());
            List<InetAddress> list = List.copyOf(e.getValue());
            if (list.size() > 2 || list.stream().filter(a -> a.getAddress().length == 4).count() > 1
                    || list.stream().filter(a -> a.getAddress().length == 16).count() > 1) {
                throw new ValidationException("'" + e.getKey() + "' has more than one address of a family: "
                        + list.stream().map(IpAddresses::format).collect(java.util.stream.Collectors.joining(" ")));
            }
            for (InetAddress a : list) {
                if (!used.add(a)) {
                    throw new ValidationException("address " + IpAddresses.format(a) + " is allocated twice");
                }
            }
            copy.put(e.getKey(), list);
        }
        addresses = Collections.unmodifiableMap(copy);
    }

    /** Parses the {@link #render()} form; {@code #} comments and blank lines are ignored. */
    public static AddressAllocations parse(String text, String source) {
        Map<String, List<InetAddress>> out = new TreeMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Position at = Position.of(source, i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("[ \t]+");
            if (words.length < 2 || words.length > 3) {
                throw new ParseException(at, "expected 'name address [address]'", line);
            }
            try {
                Names.node(words[0]);
                List<InetAddress> list = new java.util.ArrayList<>();
                for (int w = 1; w < words.length; w++) {
                    list.add(IpAddresses.parse(words[w], at));
                }
                if (out.put(words[0], list) != null) {
                    throw new ParseException(at, "'" + words[0] + "' is listed twice", line);
                }
                new AddressAllocations(out);
            } catch (ParseException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ParseException(at, e.getMessage(), line);
            }
        }
        return new AddressAllocations(out);
    }

    /** One {@code name address [address]} line per node, sorted by name. */
    public String render() {
        StringBuilder out = new StringBuilder();
        addresses.forEach((name, list) -> {
            out.append(name);
            list.forEach(a -> out.append(' ').append(IpAddresses.format(a)));
            out.append('\n');
        });
        return out.toString();
    }

    /** The addresses of one node (empty when it has none). */
    public List<InetAddress> of(String name) {
        return addresses.getOrDefault(Objects.requireNonNull(name, "name"), List.of());
    }

    @Override
    public String toString() {
        return render().strip().replace('\n', ';');
    }
}
