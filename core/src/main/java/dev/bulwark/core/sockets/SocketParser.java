package dev.bulwark.core.sockets;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.core.net.ServiceNames;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads an {@code ss} listing one socket at a time, in memory bounded by the longest line: the
 * streaming form of {@link SocketTable#parse(CharSequence)} for listings of any size.
 *
 * <p>Header lines ({@code Netid State Recv-Q …}, also the run-together {@code Peer
 * Address:PortProcess}) may appear anywhere and say whether Netid and State columns follow (a
 * state filter, {@code ss -t state established}, drops State, and a single socket type drops
 * Netid); without a header, each line's shape decides. Without a State column a socket whose
 * peer port is {@code *} is taken as listening ({@code LISTEN} for tcp, sctp and mptcp,
 * {@code UNCONN} otherwise), as {@code ss -l} means it, and any other as {@code UNKNOWN}. Without
 * a Netid column the socket type is the one the caller gives ({@link #strict(Reader, String,
 * ServiceNames, Netid)}), else what the State column shows ({@code UNCONN} udp, {@code LISTEN}
 * and the other TCP states tcp, as {@code ss -tl} and {@code ss -ul} print them; {@code ESTAB},
 * which tcp, udp and raw sockets all print, takes the type an earlier line showed, and is refused
 * when none did); a line with neither column and no type given
 * ({@code ss -tn state established}, {@code ss -u}: tcp and udp look the same) is refused, never
 * guessed. Ports that ss printed as service names
 * ({@code 0.0.0.0:ssh}) are resolved with a {@link ServiceNames} database (names it does not
 * know are kept, see {@link dev.bulwark.core.net.Endpoint#portNumber()}). {@code ss -s}'s summary
 * is refused as what it is. Lines that start with a tab or space are the {@code -i}/{@code -m}
 * info lines of the socket above. Blank lines are skipped.
 *
 * <p>A strict parser throws the first {@link ParseException}; a lenient one skips bad lines (and
 * their info lines), keeps the first {@link ParseResult#MAX_DIAGNOSTICS} problems in
 * {@link #diagnostics()}, counts all of them in {@link #errorCount()}, and hands every skipped line
 * verbatim to the consumer given to {@link #lenient(Reader, String, Consumer)}. I/O failures
 * surface as {@link UncheckedIOException}. Not thread-safe.
 *
 * <pre>{@code
 * try (SocketParser parser = SocketParser.strict(reader, "ss.txt")) {
 *     parser.stream().filter(SocketEntry::isListening).forEach(...);
 * }
 * }</pre>
 */
public final class SocketParser implements Iterator<SocketEntry>, Closeable {

    private final LineReader reader;
    private final String source;
    private final boolean lenient;
    private final LineParser lines;
    private final Consumer<UnparsedLine> unparsed;
    private final List<ParseException> diagnostics = new ArrayList<>();
    private int errorCount;
    private int lineNumber;
    private Columns columns;
    private boolean summary;
    private SocketEntry pending;
    private List<String> pendingInfo;
    private boolean skippingInfo;
    private int skippedSocketLine;
    private boolean exhausted;

    private SocketParser(Reader reader, String source, ServiceNames services, boolean lenient,
            Consumer<UnparsedLine> unparsed, Netid socketType) {
        Objects.requireNonNull(reader, "reader");
        this.reader = new LineReader(reader);
        this.source = Objects.requireNonNull(source, "source");
        this.lenient = lenient;
        this.lines = new LineParser(source, Objects.requireNonNull(services, "services"), socketType);
        this.unparsed = unparsed;
    }

    /**
     * A parser that throws the first {@link ParseException}, reading service names with the
     * built-in table ({@link ServiceNames#builtIn()}).
     */
    public static SocketParser strict(Reader reader, String source) {
        return strict(reader, source, ServiceNames.builtIn());
    }

    /**
     * A parser that throws the first {@link ParseException}, reading the service names that ss
     * printed without {@code -n} with {@code services}: the database of the machine the listing
     * came from ({@link ServiceNames#read(dev.bulwark.core.host.Host)}).
     */
    public static SocketParser strict(Reader reader, String source, ServiceNames services) {
        return new SocketParser(reader, source, services, false, null, null);
    }

    /**
     * A strict parser as {@link #strict(Reader, String, ServiceNames)} for a listing of one socket
     * type, which ss prints without a Netid column: {@code socketType} is what {@code ss -t}
     * ({@link Netid#TCP}) or {@code ss -u} ({@link Netid#UDP}) listed. Lines with a Netid column keep theirs.
     */
    public static SocketParser strict(Reader reader, String source, ServiceNames services, Netid socketType) {
        return new SocketParser(reader, source, services, false, null, Objects.requireNonNull(socketType, "socketType"));
    }

    /**
     * A parser that skips bad lines and records them in {@link #diagnostics()} (bounded) and
     * {@link #errorCount()}; use {@link #lenient(Reader, String, Consumer)} to receive the lines.
     */
    public static SocketParser lenient(Reader reader, String source) {
        return new SocketParser(reader, source, ServiceNames.builtIn(), true, line -> { }, null);
    }

    /**
     * A parser that skips bad lines, records them as {@link #lenient(Reader, String)} does, and
     * hands each skipped line (a bad socket line, its info lines, an info line with no socket
     * above it) to {@code unparsed} as it meets it, so that none is lost in memory bounded by the
     * consumer.
     */
    public static SocketParser lenient(Reader reader, String source, Consumer<UnparsedLine> unparsed) {
        return lenient(reader, source, ServiceNames.builtIn(), unparsed);
    }

    /**
     * A lenient parser as {@link #lenient(Reader, String, Consumer)} that reads service names with
     * {@code services} (see {@link #strict(Reader, String, ServiceNames)}).
     */
    public static SocketParser lenient(Reader reader, String source, ServiceNames services,
            Consumer<UnparsedLine> unparsed) {
        return new SocketParser(reader, source, services, true, Objects.requireNonNull(unparsed, "unparsed"), null);
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !exhausted) {
            advance();
        }
        return pending != null;
    }

    @Override
    public SocketEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more sockets in " + source);
        }
        SocketEntry entry = pending;
        if (pendingInfo != null) {
            if (!entry.info().isEmpty()) {
                pendingInfo.addAll(0, entry.info());
            }
            entry = entry.withInfo(pendingInfo);
            pendingInfo = null;
        }
        pending = null;
        return entry;
    }

    /** The remaining sockets as a sequential stream; closing the stream closes the parser. */
    public Stream<SocketEntry> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::closeUnchecked);
    }

    /** The problems a lenient parser met so far, in input order, at most {@link ParseResult#MAX_DIAGNOSTICS}. */
    public List<ParseException> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** How many problems a lenient parser met so far, including those not kept. */
    public int errorCount() {
        return errorCount;
    }

    /** Reads up to the next socket line and its info lines; sets {@code pending} or {@code exhausted}. */
    private void advance() {
        while (peekLine()) {
            char[] buf = reader.buffer();
            int start = reader.start();
            int end = reader.end();
            if (isBlank(buf, start, end)) {
                consumeLine();
                continue;
            }
            char first = buf[start];
            if (first == ' ' || first == '\t') {
                consumeLine();
                info(reader.text());
                continue;
            }
            if (pending != null) {
                return;
            }
            consumeLine();
            if (first == 'N' || first == 'S' || first == 'R') {
                Columns header = Columns.ofHeader(reader.text());
                if (header != null) {
                    columns = header;
                    lines.newListing();
                    skippingInfo = false;
                    continue;
                }
            }
            if (summary || (first == 'T' && reader.text().startsWith("Total:"))) {
                summaryLine();
                continue;
            }
            try {
                pending = lines.parse(buf, start, end, lineNumber, columns);
                skippingInfo = false;
            } catch (ParseException e) {
                fail(e);
                unparsed.accept(new UnparsedLine(lineNumber, reader.text(), e.reason()));
                skippingInfo = true;
                skippedSocketLine = lineNumber;
            }
        }
        exhausted = true;
    }

    private static boolean isBlank(char[] buf, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(buf[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean peekLine() {
        try {
            return reader.peek();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source + " failed", e);
        }
    }

    private void consumeLine() {
        reader.consume();
        lineNumber++;
    }

    private void info(String line) {
        if (pending != null) {
            if (pendingInfo == null) {
                pendingInfo = new ArrayList<>(2);
            }
            pendingInfo.add(line.strip());
        } else if (skippingInfo) {
            unparsed.accept(new UnparsedLine(lineNumber, line,
                    "an info line of the socket line " + skippedSocketLine + ", which could not be parsed"));
        } else {
            ParseException e = new ParseException(Position.of(source, lineNumber),
                    "an indented info line with no socket line above it", line);
            fail(e);
            unparsed.accept(new UnparsedLine(lineNumber, line, e.reason()));
        }
    }

    private void fail(ParseException e) {
        if (!lenient) {
            throw e;
        }
        errorCount++;
        if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) {
            diagnostics.add(e);
        }
    }

    /**
     * The first line of {@code ss -s}'s summary ({@code Total: 16}) is an error, the summary's
     * other lines are skipped with it: a summary has counts, not sockets.
     */
    private void summaryLine() {
        if (!summary) {
            summary = true;
            ParseException e = new ParseException(Position.of(source, lineNumber),
                    "summary output (ss -s) is not a socket listing; run ss without -s", reader.text());
            fail(e);
            unparsed.accept(new UnparsedLine(lineNumber, reader.text(), e.reason()));
        } else {
            unparsed.accept(new UnparsedLine(lineNumber, reader.text(), "a line of summary output (ss -s)"));
        }
    }

    /** Whether the line is ss's column header, with or without the Netid, State and Process columns. */
    static boolean isHeader(String line) {
        return Columns.ofHeader(line) != null;
    }

    private void closeUnchecked() {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
