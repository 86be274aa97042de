package dev.bulwark.firewall.parse.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Kind;
import dev.bulwark.firewall.parse.internal.NftTokenizer.Tok;
import java.util.List;

/** A position in the tokens of nft text, with the checks the readers share. Not API. */
final class NftCursor {

    /** The deepest nesting of braces and parentheses inside a statement. */
    static final int MAX_DEPTH = 32;

    final String source;
    private final List<Tok> toks;
    private int i;
    private int depth;

    NftCursor(String source, List<Tok> toks) {
        this.source = source;
        this.toks = toks;
    }

    Tok peek() {
        return toks.get(Math.min(i, toks.size() - 1));
    }

    Tok peek(int ahead) {
        return toks.get(Math.min(i + ahead, toks.size() - 1));
    }

    Tok next() {
        Tok t = peek();
        if (t.kind() == Kind.END) {
            throw error(t, "unexpected end of text");
        }
        i++;
        return t;
    }

    int mark() {
        return i;
    }

    void reset(int mark) {
        i = mark;
    }

    boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    /** Consumes the word {@code w} if it is next. */
    boolean accept(String w) {
        if (peek().is(w)) {
            i++;
            return true;
        }
        return false;
    }

    Tok expect(String w) {
        Tok t = peek();
        if (!t.is(w)) {
            throw error(t, "expected '" + w + "', found " + describe(t));
        }
        return next();
    }

    /** A name: a word or a quoted string. */
    Tok name(String what) {
        Tok t = peek();
        if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
            throw error(t, "expected " + what + ", found " + describe(t));
        }
        return next();
    }

    void skipNewlines() {
        while (peek().kind() == Kind.NEWLINE) {
            i++;
        }
    }

    void skipSeparators() {
        while (peek().kind() == Kind.NEWLINE || peek().is(";")) {
            i++;
        }
    }

    void enter(Tok at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "nested deeper than " + MAX_DEPTH);
        }
    }

    void leave() {
        depth--;
    }

    ParseException error(Tok t, String reason) {
        return new ParseException(position(t), reason, t.kind() == Kind.END || t.kind() == Kind.NEWLINE ? null : t.text());
    }

    Position position(Tok t) {
        return new Position(source, t.line(), t.column());
    }

    static String describe(Tok t) {
        return switch (t.kind()) {
            case END -> "end of text";
            case NEWLINE -> "end of line";
            case STRING -> "\"" + t.text() + "\"";
            default -> "'" + t.text() + "'";
        };
    }

    /** The source text of tokens {@code from} (inclusive) to {@code to} (exclusive), re-spaced. */
    String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int k = from; k < to && k < toks.size(); k++) {
            Tok t = toks.get(k);
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
                continue;
            }
            if (b.length() > 0 && t.spaceBefore()) {
                b.append(' ');
            }
            b.append(t.kind() == Kind.STRING ? "\"" + t.text() + "\"" : t.text());
        }
        return b.toString();
    }
}
