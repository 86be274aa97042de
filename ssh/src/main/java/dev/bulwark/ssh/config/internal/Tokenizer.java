package dev.bulwark.ssh.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one sshd_config line the way OpenSSH 9.2 does: the keyword by {@code strdelim} (white
 * space or one {@code =}), the arguments by {@code argv_split} with quotes, backslash escapes and
 * a {@code #} at the start of an argument ending the line. Not API.
 */
public final class Tokenizer {

    /** A split line: keyword, the raw rest after the keyword separator, and the arguments. */
    public record Split(String keyword, String rest, List<String> arguments) {
    }

    /** The line could not be split; the message is sshd's reason. */
    public static final class SplitException extends Exception {
        private static final long serialVersionUID = 1L;

        SplitException(String message) {
            super(message);
        }
    }

    private Tokenizer() {
    }

    /** Whether the line is blank or a comment. */
    public static boolean isBlankOrComment(String line) {
        String t = stripLeading(line);
        return t.isEmpty() || t.charAt(0) == '#';
    }

    /**
     * Splits a non-blank, non-comment line.
     *
     * @throws SplitException with sshd's reason when the line has no argument or bad quotes
     */
    public static Split split(String line) throws SplitException {
        String s = stripTrailing(stripLeading(line));
        int i = 0;
        int n = s.length();
        StringBuilder keyword = new StringBuilder();
        if (i < n && s.charAt(i) == '"') {
            i++;
            while (i < n && s.charAt(i) != '"') {
                keyword.append(s.charAt(i++));
            }
            if (i >= n) {
                throw new SplitException("invalid quotes");
            }
            i++;
        } else {
            while (i < n && " \t=".indexOf(s.charAt(i)) < 0) {
                keyword.append(s.charAt(i++));
            }
        }
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i < n && s.charAt(i) == '=') {
            i++;
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }
        String rest = s.substring(i);
        if (rest.isEmpty()) {
            throw new SplitException("no argument after keyword \"" + keyword + "\"");
        }
        return new Split(keyword.toString(), rest, arguments(rest));
    }

    /** {@code argv_split(s, …, terminate_on_comment=1)}. */
    static List<String> arguments(String s) throws SplitException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n || s.charAt(i) == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char next = s.charAt(i + 1);
                    if (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' ')) {
                        i++;
                        arg.append(next);
                    } else {
                        arg.append(c);
                    }
                } else if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    arg.append(c);
                }
            }
            if (quote != 0) {
                throw new SplitException("invalid quotes");
            }
            out.add(arg.toString());
        }
        return out;
    }

    private static String stripLeading(String line) {
        int i = 0;
        while (i < line.length() && " \t\r".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return line.substring(i);
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0 && " \t\r\n\f".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return line.substring(0, end);
    }
}
