package dev.bulwark.core.sockets;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a reader into lines in place, in one reused buffer that grows only to the longest line,
 * so that a line is never copied into a string unless a caller asks for one. Lines end at
 * {@code \n}, {@code \r\n} or {@code \r}. Not API; not thread-safe.
 */
final class LineReader {

    private final Reader reader;
    private char[] buf = new char[1 << 16];
    private int dataEnd;
    private int consumed;
    private boolean eof;
    private int lineStart;
    private int lineEnd;
    private int next;
    /** Whether the line at {@code [lineStart, lineEnd)} was found and not yet consumed. */
    private boolean peeked;

    LineReader(Reader reader) {
        this.reader = reader;
    }

    /**
     * Finds the line after the last consumed one without consuming it; returns false at the end.
     * Its characters are {@code buffer()[start(), end())} until the next call.
     */
    boolean peek() throws IOException {
        if (peeked) {
            return true;
        }
        int scan = consumed;
        while (true) {
            for (int i = scan; i < dataEnd; i++) {
                char c = buf[i];
                if (c <= '\r' && (c == '\n' || c == '\r')) {
                    if (c == '\r' && i + 1 == dataEnd && !eof) {
                        break;
                    }
                    lineStart = consumed;
                    lineEnd = i;
                    next = c == '\r' && i + 1 < dataEnd && buf[i + 1] == '\n' ? i + 2 : i + 1;
                    peeked = true;
                    return true;
                }
            }
            if (eof) {
                if (consumed == dataEnd) {
                    return false;
                }
                lineStart = consumed;
                lineEnd = dataEnd;
                next = dataEnd;
                peeked = true;
                return true;
            }
            scan = fill(scan);
        }
    }

    /** Reads more data, keeping the unconsumed part; returns where scanning resumes. */
    private int fill(int scan) throws IOException {
        int keep = dataEnd - consumed;
        if (consumed > 0) {
            System.arraycopy(buf, consumed, buf, 0, keep);
        } else if (keep == buf.length) {
            char[] bigger = new char[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, keep);
            buf = bigger;
        }
        int resume = Math.max(0, scan - consumed);
        consumed = 0;
        dataEnd = keep;
        int n = reader.read(buf, dataEnd, buf.length - dataEnd);
        if (n < 0) {
            eof = true;
        } else {
            dataEnd += n;
        }
        return resume;
    }

    /** Consumes the line found by {@link #peek()}. */
    void consume() {
        consumed = next;
        peeked = false;
    }

    char[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /** The current line as a string. */
    String text() {
        return new String(buf, lineStart, lineEnd - lineStart);
    }

    void close() throws IOException {
        reader.close();
    }
}
