package dev.bulwark.core.audit;

import java.util.List;

/** Aligned plain-text and Markdown tables with every cell made printable. Not API. */
final class TextTable {

    private TextTable() {
    }

    /** Columns separated by two spaces, padded to the widest cell; a dashed rule under the header. */
    static String text(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = printable(header.get(i)).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], printable(row.get(i)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        textRow(out, header, widths);
        for (int i = 0; i < widths.length; i++) {
            out.append(i > 0 ? "  " : "").append("-".repeat(widths[i]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            textRow(out, row, widths);
        }
        return out.toString();
    }

    private static void textRow(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = printable(cells.get(i));
            line.append(i > 0 ? "  " : "").append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** A GitHub-flavoured Markdown table; pipes, backslashes and HTML brackets in cells are escaped. */
    static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        markdownRow(out, header);
        out.append('|');
        for (int i = 0; i < header.size(); i++) {
            out.append(" --- |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            markdownRow(out, row);
        }
        return out.toString();
    }

    private static void markdownRow(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(markdownEscape(cell)).append(" |");
        }
        out.append('\n');
    }

    static String markdownEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : printable(text).toCharArray()) {
            if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']') {
                out.append('\\').append(c);
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Control characters (terminal escapes in a hostile process name) shown as {@code \}{@code uXXXX}. */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                out.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }
}
