package dev.bulwark.core.sockets;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.ServiceNames;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The sockets of one {@code ss} listing, in the order ss printed them.
 *
 * <p>Understands every common option form ({@code -plunt}, {@code -tunap}, {@code -lntpe},
 * {@code -tan}, {@code -uln}, {@code -lnptu4}, {@code -tlnpi}, {@code -a}), with or without the
 * header ({@code -H}), without {@code -n} (service names as ports, mapped back to numbers), with
 * {@code -r} (host names kept as names), {@code -T} (thread ids) and state filters
 * ({@code ss -t state established}, which drop the State column; see {@link SocketParser}). When a listing has no Netid column (ss drops it when only one socket type
 * is shown, e.g. {@code -t} or {@code -u}), the netid is inferred from the State column where only
 * one socket type prints the state: {@code udp} for {@code UNCONN}, {@code tcp} for {@code LISTEN}
 * and the other TCP states; {@code ESTAB} (tcp, connected udp and raw sockets all print it) takes
 * the type an earlier line showed and is refused otherwise: give the type with
 * {@link #parse(CharSequence, String, Netid)}, as for {@code ss --sctp} and {@code ss --dccp},
 * whose LISTEN lines look like tcp's and would be read as tcp. For a listing too large for memory use {@link #stream(Reader)}.
 *
 * <pre>{@code
 * SocketTable table = SocketTable.parse(ssOutput);
 * for (SocketEntry s : table.listening()) {
 *     System.out.println(s.netid() + " " + s.local() + " " + s.processes());
 * }
 * }</pre>
 *
 * @param sockets  the sockets, in listing order
 * @param unparsed the lines a lenient parse could not read, verbatim, in listing order; empty
 *                 after a strict parse (see {@link #parseLenient(CharSequence)})
 * @see <a href="https://man7.org/linux/man-pages/man8/ss.8.html">ss(8)</a>
 */
public record SocketTable(List<SocketEntry> sockets, List<UnparsedLine> unparsed) {

    /** Copies the lists. */
    public SocketTable {
        sockets = List.copyOf(sockets);
        unparsed = List.copyOf(unparsed);
    }

    /** A table of these sockets, with no unparsed lines. */
    public SocketTable(List<SocketEntry> sockets) {
        this(sockets, List.of());
    }

    /**
     * Parses a whole listing.
     *
     * @throws ParseException at the first line that is not ss output (source {@code <string>})
     */
    public static SocketTable parse(CharSequence text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /**
     * Parses a whole listing, naming {@code source} in errors.
     *
     * @throws ParseException at the first line that is not ss output
     */
    public static SocketTable parse(CharSequence text, String source) {
        return parse(text, source, ServiceNames.builtIn());
    }

    /**
     * Parses a whole listing, naming {@code source} in errors and mapping the service names that
     * ss printed without {@code -n} back to port numbers with {@code services}, the database of the
     * machine the listing came from ({@link ServiceNames#read(dev.bulwark.core.host.Host)}).
     * {@link #parse(CharSequence, String)} uses {@link ServiceNames#builtIn()}.
     *
     * @throws ParseException at the first line that is not ss output
     */
    public static SocketTable parse(CharSequence text, String source, ServiceNames services) {
        try (Stream<SocketEntry> entries = SocketParser.strict(new StringReader(text.toString()), source, services)
                .stream()) {
            return new SocketTable(entries.collect(Collectors.toList()));
        }
    }

    /**
     * Parses a listing of one socket type, which ss prints without a Netid column ({@code ss -t},
     * {@code ss -un state established}): {@code socketType} says which. A listing with neither a
     * Netid nor a State column does not show tcp from udp, so {@link #parse(CharSequence, String)}
     * refuses its lines; this overload reads them. Lines with a Netid column keep theirs.
     *
     * @throws ParseException at the first line that is not ss output
     */
    public static SocketTable parse(CharSequence text, String source, Netid socketType) {
        return parse(text, source, ServiceNames.builtIn(), socketType);
    }

    /**
     * Like {@link #parse(CharSequence, String, Netid)}, reading service names with {@code services}
     * (see {@link #parse(CharSequence, String, ServiceNames)}).
     *
     * @throws ParseException at the first line that is not ss output
     */
    public static SocketTable parse(CharSequence text, String source, ServiceNames services, Netid socketType) {
        try (Stream<SocketEntry> entries = SocketParser.strict(new StringReader(text.toString()), source, services,
                socketType).stream()) {
            return new SocketTable(entries.collect(Collectors.toList()));
        }
    }

    /** Parses a whole listing, or returns empty when any line is not ss output. */
    public static Optional<SocketTable> tryParse(CharSequence text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses what can be parsed: bad lines (and the info lines that followed them) are skipped,
     * reported as diagnostics (the first {@link ParseResult#MAX_DIAGNOSTICS}), and all kept
     * verbatim in {@link #unparsed()}, so that nothing is dropped silently.
     */
    public static ParseResult<SocketTable> parseLenient(CharSequence text) {
        List<UnparsedLine> unparsed = new ArrayList<>();
        SocketParser parser = SocketParser.lenient(new StringReader(text.toString()), Position.STRING_SOURCE,
                unparsed::add);
        List<SocketEntry> entries = new ArrayList<>();
        parser.forEachRemaining(entries::add);
        return new ParseResult<>(new SocketTable(entries, unparsed), parser.diagnostics());
    }

    /**
     * The sockets of a listing read lazily, strictly, one at a time: memory stays bounded for any
     * input size. Close the stream to close the reader.
     *
     * @throws ParseException from the stream's terminal operation at the first bad line
     */
    public static Stream<SocketEntry> stream(Reader reader) {
        return SocketParser.strict(reader, Position.STRING_SOURCE).stream();
    }

    /** The listening sockets ({@link SocketEntry#isListening()}). */
    public List<SocketEntry> listening() {
        return sockets.stream().filter(SocketEntry::isListening).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The table as ss would print it with a Netid column: a header, one aligned line per socket,
     * and each socket's info lines indented by a tab (unparsed lines are not printed). Parsing the
     * result gives a table of the same sockets back.
     */
    public String render() {
        return TableRenderer.render(sockets);
    }
}
