package dev.bulwark.ssh.config.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A unified diff ({@code diff -u} format, as {@code patch} reads it) from Myers' O((N+M)D)
 * shortest edit script, so a small edit to a long file stays cheap. Not API.
 */
public final class UnifiedDiff {

    private enum Op { KEEP, DELETE, INSERT }

    private record Edit(Op op, int oldLine, int newLine) {
    }

    private UnifiedDiff() {
    }

    /**
     * The diff of two texts as lines, with {@code context} lines around each change; empty when equal.
     *
     * @param oldName the name on the {@code ---} line ({@code /dev/null} for a new file)
     * @param newName the name on the {@code +++} line
     */
    public static String diff(String oldName, String newName, List<String> a, List<String> b, int context) {
        List<Edit> script = script(a, b);
        if (script.stream().allMatch(e -> e.op == Op.KEEP)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).op == Op.KEEP) {
                i++;
                continue;
            }
            int start = Math.max(0, i - context);
            int end = i;
            int lastChange = i;
            while (end < script.size()) {
                if (script.get(end).op != Op.KEEP) {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            end = Math.min(script.size(), lastChange + context + 1);
            hunk(out, script.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> edits, List<String> a, List<String> b) {
        int oldStart = edits.get(0).oldLine;
        int newStart = edits.get(0).newLine;
        int oldCount = 0;
        int newCount = 0;
        StringBuilder body = new StringBuilder();
        for (Edit e : edits) {
            switch (e.op) {
                case KEEP:
                    body.append(' ').append(a.get(e.oldLine)).append('\n');
                    oldCount++;
                    newCount++;
                    break;
                case DELETE:
                    body.append('-').append(a.get(e.oldLine)).append('\n');
                    oldCount++;
                    break;
                default:
                    body.append('+').append(b.get(e.newLine)).append('\n');
                    newCount++;
            }
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n").append(body);
    }

    private static String range(int start, int count) {
        int first = count == 0 ? start : start + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static List<Edit> script(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(Arrays.copyOf(v, v.length));
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                        ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<Edit> edits = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d >= 0; d--) {
            int[] vd = trace.get(d);
            int k = x - y;
            int prevK = (k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1])) ? k + 1 : k - 1;
            int prevX = d == 0 ? 0 : vd[offset + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                edits.add(new Edit(Op.KEEP, --x, --y));
            }
            if (d > 0) {
                if (x == prevX) {
                    edits.add(new Edit(Op.INSERT, x, --y));
                } else {
                    edits.add(new Edit(Op.DELETE, --x, y));
                }
            }
        }
        Collections.reverse(edits);
        return edits;
    }
}
