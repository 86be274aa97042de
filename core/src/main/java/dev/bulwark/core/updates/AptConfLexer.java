package dev.bulwark.core.updates;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;

/**
 * Splits apt.conf(5) text into tokens: words, quoted strings, braces, semicolons and the
 * {@code #clear}/{@code #include} directives; skips {@code //}, {@code #} and block comments.
 * Not API.
 */
final class AptConfLexer {

    /** Token kinds. */
    enum Kind { WORD, STRING, OPEN, CLOSE, SEMICOLON, CLEAR, INCLUDE, END }

    /** One token: its kind, text (unquoted for strings), where it starts and its offset in the text. */
    record Token(Kind kind, String text, Position position, int offset) {
    }

    private final String text;
    private final String source;
    private int index;
    private int line = 1;
    private int lineStart;
    /** No comment is closed at or after this offset (so an unclosed one is searched for once). */
    private int unclosedFrom = Integer.MAX_VALUE;

    AptConfLexer(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The current position. */
    Position position() {
        return new Position(source, line, index - lineStart + 1);
    }

    /** A bounded excerpt of the text around an offset, for error messages. */
    String excerpt(int offset) {
        return ParseException.excerpt(text, offset);
    }

    /** Whether all text has been read. */
    boolean atEnd() {
        return index >= text.length();
    }

    /** Skips to just after the next {@code ;} or line end, to resume after an error. */
    void recover() {
        while (index < text.length() && text.charAt(index) != ';' && text.charAt(index) != '\n') {
            index++;
        }
        if (index < text.length()) {
            advance();
        }
    }

    /** The next token. */
    Token next() {
        skipSpaceAndComments();
        Position at = position();
        int start = index;
        if (index >= text.length()) {
            return new Token(Kind.END, "", at, start);
        }
        char c = text.charAt(index);
        switch (c) {
            case '{':
                index++;
                return new Token(Kind.OPEN, "{", at, start);
            case '}':
                index++;
                return new Token(Kind.CLOSE, "}", at, start);
            case ';':
                index++;
                return new Token(Kind.SEMICOLON, ";", at, start);
            case '"':
                return string(at);
            default:
                if (text.startsWith("#clear", index) || text.startsWith("#include", index)) {
                    boolean clear = text.startsWith("#clear", index);
                    index += clear ? 6 : 8;
                    return new Token(clear ? Kind.CLEAR : Kind.INCLUDE, clear ? "#clear" : "#include", at, start);
                }
                return word(at);
        }
    }

    private Token string(Position at) {
        int quote = index;
        int start = ++index;
        while (index < text.length() && text.charAt(index) != '"') {
            if (text.charAt(index) == '\n') {
                throw new ParseException(at, "unterminated string (a value ends with '\"' on its line)",
                        excerpt(quote));
            }
            refuseNul();
            index++;
        }
        if (index >= text.length()) {
            throw new ParseException(at, "unterminated string at end of file", excerpt(quote));
        }
        return new Token(Kind.STRING, text.substring(start, index++), at, quote);
    }

    /** apt reads its files as C strings, so a NUL would silently cut what follows: refused. */
    private void refuseNul() {
        if (text.charAt(index) == '\0') {
            throw new ParseException(position(), "a NUL character (U+0000) is not allowed in apt.conf", excerpt(index));
        }
    }

    private Token word(Position at) {
        int start = index;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (Character.isWhitespace(c) || c == '{' || c == '}' || c == ';' || c == '"'
                    || text.startsWith("//", index) || text.startsWith("/*", index)) {
                break;
            }
            refuseNul();
            index++;
        }
        return new Token(Kind.WORD, text.substring(start, index), at, start);
    }

    private void skipSpaceAndComments() {
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\n') {
                advance();
            } else if (Character.isWhitespace(c)) {
                index++;
            } else if (text.startsWith("//", index)
                    || c == '#' && !text.startsWith("#clear", index) && !text.startsWith("#include", index)) {
                while (index < text.length() && text.charAt(index) != '\n') {
                    index++;
                }
            } else if (text.startsWith("/*", index)) {
                Position at = position();
                int end = index + 2 >= unclosedFrom ? -1 : text.indexOf("*/", index + 2);
                if (end < 0) {
                    unclosedFrom = Math.min(unclosedFrom, index + 2);
                    throw new ParseException(at, "unterminated '/*' comment", excerpt(index));
                }
                while (index < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (text.charAt(index) == '\n') {
            line++;
            lineStart = index + 1;
        }
        index++;
    }
}
