package dev.bulwark.examples;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The target's addresses per interface, from {@code ip -o address} (one line an address:
 * {@code 2: eth0    inet 198.51.100.7/24 brd ... scope global eth0\ ...}). Used to tell whether a
 * {@code ListenAddress} is one the admin reaches.
 *
 * @param entries the addresses in the order listed
 */
record InterfaceAddresses(List<Entry> entries) {

    /** The command whose output this parses. */
    static final List<String> COMMAND = List.of("ip", "-o", "address");

    /**
     * One address of one interface.
     *
     * @param iface   the interface name ({@code @peer} suffix dropped)
     * @param address the address
     * @param onLink  the network it is on (address and prefix length)
     */
    record Entry(String iface, InetAddress address, IpNetwork onLink) {
        /** Checks the components. */
        Entry {
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(onLink, "onLink");
        }
    }

    /** Copies the list. */
    InterfaceAddresses {
        entries = List.copyOf(entries);
    }

    /**
     * Parses {@code ip -o address} output; blank lines are skipped.
     *
     * @throws ParseException at the line and column of the first word that is not as {@code ip} prints it
     */
    static InterfaceAddresses parse(String text, String source) {
        List<Entry> out = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            line++;
            String row = text.substring(start, end);
            if (!row.isBlank()) {
                out.add(entry(row, source, line));
            }
            start = end + 1;
        }
        return new InterfaceAddresses(out);
    }

    private static Entry entry(String row, String source, int line) {
        String[] words = new String[4];
        int[] columns = new int[4];
        int n = 0;
        int i = 0;
        while (n < 4 && i < row.length()) {
            while (i < row.length() && (row.charAt(i) == ' ' || row.charAt(i) == '\t')) {
                i++;
            }
            int from = i;
            while (i < row.length() && row.charAt(i) != ' ' && row.charAt(i) != '\t') {
                i++;
            }
            if (i > from) {
                words[n] = row.substring(from, i);
                columns[n++] = from + 1;
            }
        }
        if (n < 4) {
            throw new ParseException(new Position(source, line, row.length() + 1),
                    "expected 'INDEX: INTERFACE inet ADDRESS/PREFIX' (or inet6) as `ip -o address` prints it", cut(row));
        }
        if (!words[0].matches("[0-9]{1,10}:")) {
            throw new ParseException(new Position(source, line, columns[0]), "expected the interface index, e.g. '2:'",
                    cut(words[0]));
        }
        if (!words[2].equals("inet") && !words[2].equals("inet6")) {
            throw new ParseException(new Position(source, line, columns[2]), "expected 'inet' or 'inet6'", cut(words[2]));
        }
        String iface = words[1].indexOf('@') > 0 ? words[1].substring(0, words[1].indexOf('@')) : words[1];
        int slash = words[3].indexOf('/');
        Position at = new Position(source, line, columns[3]);
        if (slash < 0) {
            throw new ParseException(at, "expected ADDRESS/PREFIX", cut(words[3]));
        }
        InetAddress address = IpAddresses.parse(words[3].substring(0, slash), at);
        if (words[2].equals("inet") != (address.getAddress().length == 4)) {
            throw new ParseException(at, "the address is not of the family '" + words[2] + "'", cut(words[3]));
        }
        String prefix = words[3].substring(slash + 1);
        int bits = address.getAddress().length * 8;
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
            throw new ParseException(at, "the prefix length is not a number from 0 to " + bits, cut(words[3]));
        }
        return new Entry(iface, address, IpNetwork.containing(address, Integer.parseInt(prefix)));
    }

    private static String cut(String text) {
        return text.length() > ParseException.MAX_QUOTED ? text.substring(0, ParseException.MAX_QUOTED) : text;
    }

    /** The entry of this address, if the target has it. */
    Optional<Entry> find(InetAddress address) {
        return entries.stream().filter(e -> e.address().equals(address)).findFirst();
    }

    /** The addresses of one interface, as text, e.g. {@code 198.51.100.7, 2001:db8::7}. */
    List<String> of(String iface) {
        return entries.stream().filter(e -> e.iface().equals(iface) && !e.address().isLinkLocalAddress())
                .map(e -> IpAddresses.format(e.address())).toList();
    }
}
