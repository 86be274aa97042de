package dev.bulwark.core.sockets;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.Endpoint;
import dev.bulwark.core.net.ServiceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one socket line of an ss listing by scanning its characters once, without regular
 * expressions, allocating only the values it returns. Not thread-safe; one instance per parser.
 */
final class LineParser extends LineScanner {

    private static final char[] USERS = "users:(".toCharArray();

    private final Words words = Words.words();
    private final Words names = Words.names();
    private final Words paths = Words.paths();
    private final BufferText bufferText = new BufferText();
    private final ServiceNames services;
    private UnixColumns unix;

    /** The caller's word for lines without a Netid column; null when it gave none. */
    private final Netid socketType;
    /** The socket type the state of an earlier line of this listing showed, when it had no Netid column. */
    private String listingType;

    LineParser(String source, ServiceNames services, Netid socketType) {
        super(source);
        this.services = services;
        this.socketType = socketType;
    }

    /**
     * The leading columns of a line without a header above it, from its shape: a number first
     * means neither Netid nor State; a word and a number, a lower-case word is a Netid and
     * anything else a State; two words, both.
     */
    private Columns inferColumns() {
        int firstStart = token("a Netid or State word or Recv-Q");
        int firstEnd = pos;
        if (isDigits(firstStart, firstEnd)) {
            pos = lineStart;
            return Columns.NONE;
        }
        int secondStart = token("a State word or Recv-Q");
        boolean number = isDigits(secondStart, pos);
        pos = lineStart;
        if (!number) {
            return Columns.NETID_STATE;
        }
        for (int i = firstStart; i < firstEnd; i++) {
            char c = buf[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return Columns.STATE;
            }
        }
        return Columns.NETID;
    }

    /** The services database's protocol word for a netid: ss looks a port's name up under it. */
    private static String serviceProtocol(String netid) {
        return netid.equals("mptcp") ? "tcp" : netid;
    }

    /** Parses a socket line given as a string. */
    SocketEntry parse(String text, int number, Columns columns) {
        return parse(text.toCharArray(), 0, text.length(), number, columns);
    }

    /**
     * Parses the socket line in {@code chars[start, end)}; the array is only read during the call.
     *
     * @param columns the leading columns the listing's header named; {@code null} to infer them
     *                from the line's shape
     */
    SocketEntry parse(char[] chars, int start, int end, int number, Columns columns) {
        buf = chars;
        lineStart = start;
        len = end;
        lineNumber = number;
        pos = start;
        Columns layout = columns != null ? columns : inferColumns();
        String netid = null;
        String state = null;
        if (layout.netid) {
            int netidStart = token("a Netid word");
            netid = netid(netidStart, pos);
        }
        if (layout.state) {
            int stateStart = token("a State word");
            state = state(stateStart, pos);
        }
        long recvQ = number(token("Recv-Q"), "Recv-Q");
        long sendQ = number(token("Send-Q"), "Send-Q");
        Endpoint local;
        Endpoint peer;
        if (netid == null) {
            netid = socketTypeOf(state);
        }
        Netid kind = Netid.fromWireName(netid);
        if (kind.isUnix()) {
            if (unix == null) {
                unix = new UnixColumns();
            }
            unix.read(this, paths);
            local = unix.local();
            peer = unix.peer();
        } else {
            local = endpoint(token("the local address"), kind.isInternet());
            peer = endpoint(token("the peer address"), kind.isInternet());
        }
        if (state == null) {
            // a state filter (ss state …) drops the State column: a socket with no peer waits for one, as ss -l means it
            state = !peer.isWildcardPort() ? SocketState.UNKNOWN.wireName()
                    : netid.equals("tcp") || netid.equals("sctp") || netid.equals("mptcp") ? "LISTEN" : "UNCONN";
        }
        if (local.serviceName().isPresent() || peer.serviceName().isPresent()) {
            String protocol = serviceProtocol(netid);
            local = local.withServiceNames(services, protocol);
            peer = peer.withServiceNames(services, protocol);
        }
        List<SocketProcess> processes = List.of();
        Map<String, String> extensions = Map.of();
        List<String> info = List.of();
        while (skipSpaces()) {
            if (startsWith(pos, USERS)) {
                if (!processes.isEmpty()) {
                    throw error(pos, "a second users:(...) field");
                }
                processes = processes();
            } else {
                if (extensions.isEmpty()) {
                    extensions = new LinkedHashMap<>(8);
                }
                int field = pos;
                if (!extension(extensions)) {
                    info = List.of(text(field, len).strip());
                    pos = len;
                }
            }
        }
        try {
            return new SocketEntry(netid, state, recvQ, sendQ, local, peer, processes, extensions, info);
        } catch (IllegalArgumentException e) {
            throw error(lineStart, e.getMessage());
        }
    }

    /**
     * The socket type of a line without a Netid column (ss shows one socket type): the caller's
     * word; else what the State column shows, where only one type with ports prints that state in
     * a listing of one type: {@code LISTEN} and the TCP-only states ({@code SYN-SENT} …
     * {@code CLOSING}, {@code BOUND-INACTIVE}) are tcp's ({@code ss -t}; {@code ss -M} prints them for
     * MPTCP, whose packets are TCP's), {@code UNCONN} is udp's ({@code ss -u}; the raw, packet and
     * netlink sockets of {@code ss -w}, {@code -A packet_raw} and {@code -A netlink} print it too,
     * and as udp they are counted, never dropped). {@code ESTAB} is printed by tcp, connected udp
     * ({@code ss -ua}) and connected raw sockets ({@code ss -wa}) alike: it takes the type an
     * earlier line of the same listing showed, and is refused when none did. A line with neither
     * column does not say either: {@code ss -tn state established} and {@code ss -un state
     * established} print the same columns, so it is refused.
     */
    private String socketTypeOf(String state) {
        if (socketType != null) {
            return socketType.wireName();
        }
        if (state == null) {
            throw error(lineStart, "no Netid and no State column (one socket type and a state filter, as in ss -tn"
                    + " state established or ss -u): the listing does not say tcp or udp; give the socket type"
                    + " (SocketTable.parse(text, source, Netid.TCP))");
        }
        String type = typeOfState(state);
        if (type != null) {
            if (listingType == null) {
                listingType = type;
            }
            return type;
        }
        if (listingType != null) {
            return listingType;
        }
        throw error(lineStart, "State " + state + " without a Netid column: tcp, connected udp and raw sockets"
                + " all print it (ss -t, ss -ua, ss -wa) and no earlier line of the listing showed which; give the"
                + " socket type (SocketTable.parse(text, source, Netid.TCP))");
    }

    /** The one socket type with ports that prints {@code state} in a listing of one type; null when several do. */
    private static String typeOfState(String state) {
        switch (state) {
            case "UNCONN":
                return "udp";
            case "LISTEN": case "SYN-SENT": case "SYN-RECV": case "FIN-WAIT-1": case "FIN-WAIT-2": case "TIME-WAIT":
            case "CLOSE-WAIT": case "LAST-ACK": case "CLOSING": case "BOUND-INACTIVE":
                return "tcp";
            default: // ESTAB, and words this version does not know
                return null;
        }
    }

    /** A new listing begins (a header line): what earlier lines showed of the socket type no longer holds. */
    void newListing() {
        listingType = null;
    }

    private String netid(int start, int end) {
        for (int i = start; i < end; i++) {
            char c = buf[i];
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                throw error(start, "Netid '" + text(start, end) + "' is not a lower-case word");
            }
        }
        return words.get(buf, start, end);
    }

    private String state(int start, int end) {
        for (int i = start; i < end; i++) {
            char c = buf[i];
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw error(start, "State '" + text(start, end) + "' is not an upper-case word");
            }
        }
        return words.get(buf, start, end);
    }

    /** The number in {@code [start, pos)}. */
    private long number(int start, String what) {
        if (!isDigits(start, pos) || pos - start > MAX_DIGITS) {
            throw error(start, what + " '" + text(start, pos) + "' is not a number");
        }
        return digits(start, pos);
    }

    /** An {@code address:port} endpoint; {@code ip} for internet sockets, else netlink, packet and the like. */
    private Endpoint endpoint(int start, boolean ip) {
        Endpoint known = ip ? Words.wildcardEndpoint(buf, start, pos) : null;
        if (known != null) {
            return known;
        }
        bufferText.reset(buf, len);
        try {
            return ip ? Endpoint.parse(bufferText, start, pos) : Endpoint.parseNonIp(bufferText, start, pos);
        } catch (ParseException e) {
            throw error(start + e.position().column() - 1, e.reason());
        }
    }

    private List<SocketProcess> processes() {
        int start = pos;
        pos += USERS.length;
        List<SocketProcess> result = null;
        SocketProcess first = null;
        while (true) {
            if (pos + 1 >= len || buf[pos] != '(' || buf[pos + 1] != '"') {
                throw error(pos, "expected '(\"' to open a process in users:(...)");
            }
            int nameStart = pos + 2;
            SocketProcess process = null;
            for (int quote = nameStart; process == null; quote++) {
                quote = indexOfQuoteComma(quote);
                if (quote < 0) {
                    throw error(start, "unterminated process entry in users:(...)");
                }
                process = processTail(nameStart, quote);
            }
            if (first == null) {
                first = process;
            } else {
                if (result == null) {
                    result = new ArrayList<>(4);
                    result.add(first);
                }
                result.add(process);
            }
            if (buf[pos] == ')') {
                pos++;
                if (pos < len && buf[pos] != ' ' && buf[pos] != '\t') {
                    throw error(pos, "unexpected text after users:(...)");
                }
                return result == null ? List.of(first) : List.copyOf(result);
            }
            pos++;
        }
    }

    /**
     * Matches {@code pid=N,fd=N)} or {@code pid=N,tid=N,fd=N)} (or the old {@code N,N)}) after the quote at {@code quote},
     * followed by {@code ,("} or {@code )}. On a match sets {@code pos} to that {@code ,} or
     * {@code )} and returns the process; else returns null.
     */
    private SocketProcess processTail(int nameStart, int quote) {
        int i = quote + 2;
        boolean keyed = i + 4 <= len && buf[i] == 'p' && buf[i + 1] == 'i' && buf[i + 2] == 'd' && buf[i + 3] == '=';
        int at = keyed ? i + 4 : i;
        int pidEnd = digitsEnd(at);
        if (pidEnd < 0 || pidEnd - at > MAX_DIGITS) {
            return null;
        }
        int fdStart;
        long tid = 0;
        if (keyed) {
            int fdKey = pidEnd;
            if (fdKey + 5 <= len && buf[fdKey] == ',' && buf[fdKey + 1] == 't' && buf[fdKey + 2] == 'i'
                    && buf[fdKey + 3] == 'd' && buf[fdKey + 4] == '=') {
                // ss -T: ("name",pid=N,tid=N,fd=N)
                int tidEnd = digitsEnd(fdKey + 5);
                if (tidEnd < 0 || tidEnd - (fdKey + 5) > MAX_DIGITS) {
                    return null;
                }
                tid = digits(fdKey + 5, tidEnd);
                fdKey = tidEnd;
            }
            if (fdKey + 4 > len || buf[fdKey] != ',' || buf[fdKey + 1] != 'f' || buf[fdKey + 2] != 'd'
                    || buf[fdKey + 3] != '=') {
                return null;
            }
            fdStart = fdKey + 4;
        } else {
            if (pidEnd >= len || buf[pidEnd] != ',') {
                return null;
            }
            fdStart = pidEnd + 1;
        }
        int fdEnd = digitsEnd(fdStart);
        if (fdEnd < 0 || fdEnd - fdStart > 9 || fdEnd >= len || buf[fdEnd] != ')') {
            return null;
        }
        int next = fdEnd + 1;
        boolean more = next + 2 < len && buf[next] == ',' && buf[next + 1] == '(' && buf[next + 2] == '"';
        if (!more && !(next < len && buf[next] == ')')) {
            return null;
        }
        pos = next;
        return new SocketProcess(names.get(buf, nameStart, quote), digits(at, pidEnd), tid, (int) digits(fdStart, fdEnd));
    }

    /**
     * Reads an extension field, {@code name:value} (parentheses in the value may hold spaces) or the
     * shutdown marker, and returns true; returns false at a bare word or a repeated name, where the
     * info that {@code ss -O} prints on the socket's own line begins.
     */
    private boolean extension(Map<String, String> extensions) {
        int start = pos;
        int depth = 0;
        int colon = -1;
        while (pos < len) {
            char c = buf[pos];
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == ':' && colon < 0) {
                colon = pos;
            } else if ((c == ' ' || c == '\t') && depth == 0) {
                break;
            }
            pos++;
        }
        int length = pos - start;
        if (length == 3 && (buf[start] == '<' || buf[start] == '-') && buf[start + 1] == '-'
                && (buf[start + 2] == '>' || buf[start + 2] == '-')) {
            return extensions.putIfAbsent(SocketEntry.SHUTDOWN, text(start, pos)) == null;
        }
        if (colon <= start || colon == pos - 1) {
            return false;
        }
        String key = words.get(buf, start, colon);
        return !extensions.containsKey(key) && extensions.put(key, text(colon + 1, pos)) == null;
    }

}
