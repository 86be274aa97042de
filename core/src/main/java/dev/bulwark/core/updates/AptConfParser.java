package dev.bulwark.core.updates;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.updates.AptConfLexer.Kind;
import dev.bulwark.core.updates.AptConfLexer.Token;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser of apt.conf(5) text into {@link AptConf} operations. Not API. */
final class AptConfParser {

    private static final int MAX_DEPTH = 64;

    private final AptConfLexer lexer;
    private final List<ParseException> diagnostics;
    private final List<AptConf.Op> ops = new ArrayList<>();
    private Token peeked;

    /** A parser; {@code diagnostics} is null for a strict parse, else where errors are collected. */
    AptConfParser(String text, String source, List<ParseException> diagnostics) {
        this.lexer = new AptConfLexer(text, source);
        this.diagnostics = diagnostics;
    }

    List<AptConf.Op> parse() {
        block("", 0);
        return ops;
    }

    private Token next() {
        Token token = peeked != null ? peeked : lexer.next();
        peeked = null;
        return token;
    }

    private Token peek() {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    /** Parses statements until the end (depth 0) or the closing brace (deeper). */
    private void block(String prefix, int depth) {
        while (true) {
            try {
                Token token = peek();
                if (token.kind() == Kind.END) {
                    if (depth > 0) {
                        next();
                        throw error(token, "missing '}' to close '" + prefix.substring(0, prefix.length() - 2) + "'");
                    }
                    return;
                }
                if (token.kind() == Kind.CLOSE && depth > 0) {
                    next();
                    if (peek().kind() == Kind.SEMICOLON) {
                        next();
                    }
                    return;
                }
                statement(prefix, depth);
            } catch (ParseException e) {
                if (diagnostics == null) {
                    throw e;
                }
                if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) { // the rest would be dropped: not kept alive
                    diagnostics.add(e);
                }
                peeked = null;
                if (lexer.atEnd()) {
                    return;
                }
                lexer.recover();
            }
        }
    }

    private void statement(String prefix, int depth) {
        Token token = next();
        switch (token.kind()) {
            case SEMICOLON:
                return;
            case CLOSE:
                throw error(token, "unexpected '}' (no block is open)");
            case OPEN:
                throw error(token, "unexpected '{' (a block needs a key before it)");
            case CLEAR: {
                Token key = expect(token, Kind.WORD, "a key after #clear");
                ops.add(new AptConf.Op(AptConf.OpKind.CLEAR, prefix + key.text(), "", token.position()));
                semicolon(key);
                return;
            }
            case INCLUDE: {
                Token file = next();
                if (file.kind() != Kind.STRING && file.kind() != Kind.WORD) {
                    throw error(file, "expected a file name after #include");
                }
                ops.add(new AptConf.Op(AptConf.OpKind.INCLUDE, "", file.text(), token.position()));
                semicolon(file);
                return;
            }
            case STRING:
                if (prefix.isEmpty()) {
                    throw error(token, "value \"" + token.text() + "\" has no key");
                }
                append(prefix.substring(0, prefix.length() - 2), token);
                semicolon(token);
                return;
            case WORD:
                keyed(prefix, depth, token);
                return;
            default:
                throw error(token, "unexpected end of file");
        }
    }

    private void keyed(String prefix, int depth, Token key) {
        if (key.text().endsWith("::")) {
            // apt-config dump writes list items as 'Key:: "item";'.
            Token value = value(key);
            append(prefix + key.text().substring(0, key.text().length() - 2), value);
            semicolon(value);
            return;
        }
        Token after = peek();
        if (after.kind() == Kind.OPEN) {
            next();
            if (depth + 1 > MAX_DEPTH) {
                throw error(after, "blocks nested deeper than " + MAX_DEPTH);
            }
            block(prefix + key.text() + "::", depth + 1);
            return;
        }
        if (after.kind() == Kind.SEMICOLON && !prefix.isEmpty()) {
            // An unquoted list item inside a block: 'Key { item; };'.
            append(prefix.substring(0, prefix.length() - 2), key);
            next();
            return;
        }
        Token value = value(key);
        ops.add(new AptConf.Op(AptConf.OpKind.SET, prefix + key.text(), value.text(), key.position()));
        semicolon(value);
    }

    private void append(String key, Token item) {
        ops.add(new AptConf.Op(AptConf.OpKind.APPEND, key, item.text(), item.position()));
    }

    private Token value(Token key) {
        Token value = next();
        if (value.kind() != Kind.STRING && value.kind() != Kind.WORD) {
            throw error(value, "expected a value after '" + key.text() + "'");
        }
        return value;
    }

    private Token expect(Token after, Kind kind, String what) {
        Token token = next();
        if (token.kind() != kind) {
            throw error(token, "expected " + what);
        }
        return token;
    }

    private void semicolon(Token after) {
        Token token = next();
        if (token.kind() != Kind.SEMICOLON) {
            throw error(token, "expected ';' after '" + after.text() + "'");
        }
    }

    private ParseException error(Token at, String reason) {
        return new ParseException(at.position(), reason, lexer.excerpt(at.offset()));
    }
}
