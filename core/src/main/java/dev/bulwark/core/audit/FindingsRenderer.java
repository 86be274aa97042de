package dev.bulwark.core.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders any audit's findings for people: as plain text (a terminal, a log) or as a Markdown
 * table (an issue, a wiki page). Control characters in findings are shown escaped, never sent to
 * the terminal, and Markdown metacharacters are escaped.
 */
public final class FindingsRenderer {

    private FindingsRenderer() {
    }

    /**
     * One block per finding, most severe first as given:
     * <pre>
     * HIGH services.internal-exposed: tcp 0.0.0.0:5432 (postgres pid 812)
     *   postgres is internal by policy but listens on all interfaces.
     *   Fix: Bind postgres to 127.0.0.1 and ::1 only.
     * </pre>
     * and {@code No findings.} for none.
     */
    public static String text(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "No findings.\n";
        }
        StringBuilder out = new StringBuilder();
        for (Finding f : findings) {
            out.append(f.severity()).append(' ').append(f.id()).append(": ")
                    .append(TextTable.printable(f.subject())).append('\n')
                    .append("  ").append(TextTable.printable(f.message())).append('\n')
                    .append("  Fix: ").append(TextTable.printable(f.remediation())).append('\n');
        }
        return out.toString();
    }

    /** A Markdown table with columns Severity, Finding, Subject, Message and Remediation. */
    public static String markdown(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "No findings.\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(List.of(f.severity().name(), f.id(), f.subject(), f.message(), f.remediation()));
        }
        return TextTable.markdown(List.of("Severity", "Finding", "Subject", "Message", "Remediation"), rows);
    }
}
