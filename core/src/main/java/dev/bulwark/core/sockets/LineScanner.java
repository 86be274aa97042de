package dev.bulwark.core.sockets;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;

/**
 * The cursor over one line of a character buffer that {@link LineParser} scans: tokens, digits and
 * positioned errors. Not API; not thread-safe.
 */
abstract class LineScanner {

    static final int MAX_DIGITS = 18;

    final String source;
    char[] buf;
    int lineStart;
    int len;
    int lineNumber;
    int pos;
    int tokenStart;

    LineScanner(String source) {
        this.source = source;
    }

    long digits(int start, int end) {
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (buf[i] - '0');
        }
        return value;
    }

    boolean isDigits(int start, int end) {
        if (start == end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return false;
            }
        }
        return true;
    }

    int indexOfQuoteComma(int from) {
        for (int i = from; i + 1 < len; i++) {
            if (buf[i] == '"' && buf[i + 1] == ',') {
                return i;
            }
        }
        return -1;
    }

    String text(int start, int end) {
        return new String(buf, start, end - start);
    }

    int digitsEnd(int i) {
        int j = i;
        while (j < len && buf[j] >= '0' && buf[j] <= '9') {
            j++;
        }
        return j == i ? -1 : j;
    }

    boolean startsWith(int at, char[] prefix) {
        if (at + prefix.length > len) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    boolean skipSpaces() {
        while (pos < len && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        return pos < len;
    }

    /** Skips to the next token and past it; returns its start (its end is {@code pos}). */
    int token(String expected) {
        if (!skipSpaces()) {
            throw error(len, "line ends where " + expected + " was expected");
        }
        tokenStart = pos;
        while (pos < len && buf[pos] != ' ' && buf[pos] != '\t') {
            pos++;
        }
        return tokenStart;
    }

    ParseException error(int index, String reason) {
        return new ParseException(new Position(source, lineNumber, index - lineStart + 1), reason, text(lineStart, len));
    }
}
