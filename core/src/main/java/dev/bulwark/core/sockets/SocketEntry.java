package dev.bulwark.core.sockets;

import dev.bulwark.core.net.Endpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One socket of an {@code ss} listing: one line, plus the indented {@code -i}/{@code -m} info
 * lines that followed it.
 *
 * @param netidName  the Netid word as printed ({@code tcp}); inferred when the listing had no
 *                   Netid column (see {@link SocketTable})
 * @param stateName  the State word as printed ({@code LISTEN})
 * @param recvQ      the Recv-Q column
 * @param sendQ      the Send-Q column
 * @param local      the local endpoint
 * @param peer       the peer endpoint
 * @param processes  every process in {@code users:(…)}, in order; empty without {@code -p}
 * @param extensions the other {@code name:value} fields ({@code -e}, {@code -o}, {@code -m}, …) in
 *                   order: name to raw value, e.g. {@code uid → 1000},
 *                   {@code timer → (keepalive,119min,0)}, {@code v6only → 1}; the shutdown marker
 *                   {@code <->} under {@code shutdown}
 * @param info       the info text, trimmed, in order: what {@code ss -O} printed on the socket's
 *                   line from the first bare word on (such as {@code bbr cwnd:10}), then each
 *                   indented {@code -i}/{@code -m} line that followed the socket
 */
public record SocketEntry(String netidName, String stateName, long recvQ, long sendQ, Endpoint local,
        Endpoint peer, List<SocketProcess> processes, Map<String, String> extensions, List<String> info) {

    /** The extension key of ss's shutdown marker ({@code <->}, {@code -->}, {@code <--}, {@code ---}). */
    public static final String SHUTDOWN = "shutdown";

    /** Validates and copies the components. */
    public SocketEntry {
        checkWord("netid", netidName);
        checkWord("state", stateName);
        if (recvQ < 0 || sendQ < 0) {
            throw new IllegalArgumentException("queue sizes " + recvQ + "/" + sendQ + " are negative");
        }
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        processes = List.copyOf(processes);
        extensions = copy(extensions);
        info = List.copyOf(info);
        for (String line : info) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("info line holds a line break");
            }
        }
    }

    private static Map<String, String> copy(Map<String, String> extensions) {
        if (extensions.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>(extensions);
        for (Map.Entry<String, String> e : copy.entrySet()) {
            checkWord("extension name", e.getKey());
            if (e.getKey().indexOf(':') >= 0 || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("extension '" + e.getKey() + ":" + e.getValue()
                        + "' needs a name without ':' and a value");
            }
            if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("extension " + e.getKey() + " holds a line break");
            }
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void checkWord(String what, String word) {
        Objects.requireNonNull(word, what);
        if (word.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) <= ' ') {
                throw new IllegalArgumentException(what + " '" + word + "' holds a space or control character");
            }
        }
    }

    /** The socket type; {@link Netid#OTHER} for a word not known (see {@link #netidName()}). */
    public Netid netid() {
        return Netid.fromWireName(netidName);
    }

    /** The socket state; {@link SocketState#UNKNOWN} for a word not known (see {@link #stateName()}). */
    public SocketState state() {
        return SocketState.fromWireName(stateName);
    }

    /**
     * Whether the socket waits for peers, as {@code ss -l} means it: a {@code LISTEN} socket, or an
     * unconnected ({@code UNCONN}) one whose peer is the wildcard (a bound UDP socket).
     */
    public boolean isListening() {
        SocketState state = state();
        return state == SocketState.LISTEN
                || (state == SocketState.UNCONN && peer.isWildcardAddress());
    }

    /** The raw value of an extension field such as {@code uid}, {@code ino} or {@code timer}. */
    public Optional<String> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    /** A copy with these info lines. */
    public SocketEntry withInfo(List<String> lines) {
        return new SocketEntry(netidName, stateName, recvQ, sendQ, local, peer, processes, extensions, lines);
    }

    /** The socket as one ss-style line (without column padding and without info lines). */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(96);
        out.append(netidName).append(' ').append(stateName).append(' ').append(recvQ).append(' ')
                .append(sendQ).append(' ').append(local).append(' ').append(peer);
        appendTail(out);
        return out.toString();
    }

    /** Appends {@code users:(…)} and the extensions, each preceded by a space. */
    void appendTail(StringBuilder out) {
        if (!processes.isEmpty()) {
            out.append(" users:(");
            for (int i = 0; i < processes.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(processes.get(i));
            }
            out.append(')');
        }
        for (Map.Entry<String, String> e : extensions.entrySet()) {
            out.append(' ');
            if (e.getKey().equals(SHUTDOWN)) {
                out.append(e.getValue());
            } else {
                out.append(e.getKey()).append(':').append(e.getValue());
            }
        }
    }
}
