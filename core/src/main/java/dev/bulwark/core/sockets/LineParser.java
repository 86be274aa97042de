package dev.bulwark.core.sockets;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one socket line of an ss listing by scanning it once, without regular expressions.
 * Not thread-safe; one instance per parser.
 */
final class LineParser {

    private static final int MAX_DIGITS = 18;

    private final String source;
    private String line;
    private int lineNumber;
    private int pos;
    private int tokenStart;

    LineParser(String source) {
        this.source = source;
    }

    /**
     * Parses a socket line.
     *
     * @param netidColumn whether the listing has a Netid column; {@code null} to infer it
     */
    SocketEntry parse(String text, int number, Boolean netidColumn) {
        this.line = text;
        this.lineNumber = number;
        this.pos = 0;
        String first = token("a Netid or State word");
        int firstStart = tokenStart;
        String second = token("a State word or Recv-Q");
        boolean hasNetid = netidColumn != null ? netidColumn : !isDigits(second);
        String netid = null;
        String state;
        long recvQ;
        if (hasNetid) {
            netid = checkNetid(first, firstStart);
            state = checkState(second, tokenStart);
            recvQ = number(token("Recv-Q"), "Recv-Q");
        } else {
            state = checkState(first, firstStart);
            recvQ = number(second, "Recv-Q");
        }
        long sendQ = number(token("Send-Q"), "Send-Q");
        Endpoint local;
        Endpoint peer;
        if (netid != null && Netid.fromWireName(netid).isUnix()) {
            local = unixEndpoint("local");
            peer = unixEndpoint("peer");
        } else {
            local = endpoint(token("the local address"));
            peer = endpoint(token("the peer address"));
        }
        if (netid == null) {
            netid = state.equals("UNCONN") ? "udp" : "tcp";
        }
        List<SocketProcess> processes = List.of();
        Map<String, String> extensions = Map.of();
        while (skipSpaces()) {
            if (line.startsWith("users:(", pos)) {
                if (!processes.isEmpty()) {
                    throw error(pos, "a second users:(...) field");
                }
                processes = processes();
            } else {
                if (extensions.isEmpty()) {
                    extensions = new LinkedHashMap<>(4);
                }
                extension(extensions);
            }
        }
        try {
            return new SocketEntry(netid, state, recvQ, sendQ, local, peer, processes, extensions, List.of());
        } catch (IllegalArgumentException e) {
            throw error(0, e.getMessage());
        }
    }

    private String checkNetid(String word, int at) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                throw error(at, "Netid '" + word + "' is not a lower-case word");
            }
        }
        return word;
    }

    private String checkState(String word, int at) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw error(at, "State '" + word + "' is not an upper-case word");
            }
        }
        return word;
    }

    private long number(String word, String what) {
        if (!isDigits(word) || word.length() > MAX_DIGITS) {
            throw error(tokenStart, what + " '" + word + "' is not a number");
        }
        return Long.parseLong(word);
    }

    private static boolean isDigits(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private Endpoint endpoint(String word) {
        try {
            return Endpoint.parse(word);
        } catch (IllegalArgumentException e) {
            throw error(tokenStart, e.getMessage());
        }
    }

    /** A Unix endpoint: a path (which may hold spaces) or {@code *}, then the inode number. */
    private Endpoint unixEndpoint(String which) {
        token("the " + which + " Unix address");
        int start = tokenStart;
        String word = token("the " + which + " inode");
        while (!isDigits(word)) {
            word = token("the " + which + " inode");
        }
        String path = line.substring(start, lineEndBefore(tokenStart));
        try {
            return Endpoint.unix(path, word);
        } catch (IllegalArgumentException e) {
            throw error(start, e.getMessage());
        }
    }

    private int lineEndBefore(int index) {
        int i = index;
        while (i > 0 && isSpace(line.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private List<SocketProcess> processes() {
        int start = pos;
        pos += "users:(".length();
        List<SocketProcess> result = new ArrayList<>(2);
        while (true) {
            if (!line.startsWith("(\"", pos)) {
                throw error(pos, "expected '(\"' to open a process in users:(...)");
            }
            int nameStart = pos + 2;
            int search = nameStart;
            int tailEnd = -1;
            int quote;
            while (true) {
                quote = line.indexOf("\",", search);
                if (quote < 0) {
                    throw error(start, "unterminated process entry in users:(...)");
                }
                tailEnd = processTail(quote + 2, result);
                if (tailEnd > 0) {
                    break;
                }
                search = quote + 1;
            }
            SocketProcess last = result.get(result.size() - 1);
            result.set(result.size() - 1, new SocketProcess(line.substring(nameStart, quote), last.pid(), last.fd()));
            pos = tailEnd;
            if (line.charAt(pos) == ')') {
                pos++;
                if (pos < line.length() && !isSpace(line.charAt(pos))) {
                    throw error(pos, "unexpected text after users:(...)");
                }
                return result;
            }
            pos++;
        }
    }

    /**
     * Matches {@code pid=N,fd=N)} (or the old {@code N,N)}) at {@code i} followed by {@code ,(} or
     * {@code )}; on a match adds a nameless process and returns the index of that {@code ,} or
     * {@code )}, else returns -1.
     */
    private int processTail(int i, List<SocketProcess> result) {
        boolean keyed = line.startsWith("pid=", i);
        int at = keyed ? i + 4 : i;
        int pidEnd = digitsEnd(at);
        if (pidEnd < 0) {
            return -1;
        }
        String fdPrefix = keyed ? ",fd=" : ",";
        if (!line.startsWith(fdPrefix, pidEnd)) {
            return -1;
        }
        int fdStart = pidEnd + fdPrefix.length();
        int fdEnd = digitsEnd(fdStart);
        if (fdEnd < 0 || fdEnd - fdStart > 9 || pidEnd - at > MAX_DIGITS || fdEnd >= line.length()
                || line.charAt(fdEnd) != ')') {
            return -1;
        }
        int next = fdEnd + 1;
        boolean more = line.startsWith(",(\"", next);
        if (!more && !(next < line.length() && line.charAt(next) == ')')) {
            return -1;
        }
        result.add(new SocketProcess("", Long.parseLong(line.substring(at, pidEnd)),
                Integer.parseInt(line.substring(fdStart, fdEnd))));
        return next;
    }

    private int digitsEnd(int i) {
        int j = i;
        while (j < line.length() && line.charAt(j) >= '0' && line.charAt(j) <= '9') {
            j++;
        }
        return j == i ? -1 : j;
    }

    /** An extension field: {@code name:value} (parentheses in the value may hold spaces) or a bare word. */
    private void extension(Map<String, String> extensions) {
        int start = pos;
        int depth = 0;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (isSpace(c) && depth == 0) {
                break;
            }
            pos++;
        }
        String field = line.substring(start, pos);
        int colon = field.indexOf(':');
        if (field.length() == 3 && (field.charAt(0) == '<' || field.charAt(0) == '-') && field.charAt(1) == '-'
                && (field.charAt(2) == '>' || field.charAt(2) == '-')) {
            put(extensions, SocketEntry.SHUTDOWN, field, start);
        } else if (colon <= 0 || colon == field.length() - 1) {
            put(extensions, field, "", start);
        } else {
            put(extensions, field.substring(0, colon), field.substring(colon + 1), start);
        }
    }

    private void put(Map<String, String> extensions, String key, String value, int at) {
        if (extensions.putIfAbsent(key, value) != null) {
            throw error(at, "field '" + key + "' appears twice");
        }
    }

    private boolean skipSpaces() {
        while (pos < line.length() && isSpace(line.charAt(pos))) {
            pos++;
        }
        return pos < line.length();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private String token(String expected) {
        if (!skipSpaces()) {
            throw error(line.length(), "line ends where " + expected + " was expected");
        }
        tokenStart = pos;
        while (pos < line.length() && !isSpace(line.charAt(pos))) {
            pos++;
        }
        return line.substring(tokenStart, pos);
    }

    private ParseException error(int index, String reason) {
        return new ParseException(new Position(source, lineNumber, index + 1), reason, line);
    }
}
