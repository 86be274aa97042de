package dev.bulwark.core.sockets;

import java.util.List;

/** Renders sockets in ss's column layout. Not API. */
final class TableRenderer {

    private static final String[] HEADERS = {"Netid", "State", "Recv-Q", "Send-Q", "Local Address:Port",
        "Peer Address:Port"};

    private TableRenderer() {
    }

    static String render(List<SocketEntry> sockets) {
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
        }
        for (SocketEntry s : sockets) {
            String[] cells = cells(s);
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder out = new StringBuilder(128 * (sockets.size() + 1));
        row(out, HEADERS, widths);
        out.append(" Process\n");
        for (SocketEntry s : sockets) {
            row(out, cells(s), widths);
            s.appendTail(out);
            out.append('\n');
            for (String info : s.info()) {
                out.append("\t ").append(info).append('\n');
            }
        }
        return out.toString();
    }

    private static String[] cells(SocketEntry s) {
        return new String[] {s.netidName(), s.stateName(), Long.toString(s.recvQ()), Long.toString(s.sendQ()),
            s.local().toString(), s.peer().toString()};
    }

    private static void row(StringBuilder out, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(cells[i]);
            if (i < cells.length - 1) {
                out.append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
    }
}
