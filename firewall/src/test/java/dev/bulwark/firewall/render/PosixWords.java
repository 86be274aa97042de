package dev.bulwark.firewall.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader of the shell lines {@link ShellScript} writes, for tests: plain words,
 * single-quoted text and backslash-escaped characters only. Any shell metacharacter outside
 * quotes is an error, so a successful read proves that nothing in the line is interpreted by the
 * shell.
 */
final class PosixWords {

    private static final String PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-";

    private PosixWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote at " + i + " in " + line);
                }
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                word.append('\'');
                i += 2;
            } else if (PLAIN.indexOf(c) >= 0) {
                word.append(c);
                i++;
            } else {
                throw new IllegalArgumentException("unquoted shell metacharacter '" + c + "' at " + i + " in " + line);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
