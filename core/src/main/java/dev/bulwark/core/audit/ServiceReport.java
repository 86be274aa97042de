package dev.bulwark.core.audit;

import dev.bulwark.core.net.AddressScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of a service audit: every listening TCP and UDP socket with its exposure ({@code unknown}
 * for a listener bound to a host name, which the findings take as reachable from anywhere), and the
 * findings. {@link #toText()} and {@link #toMarkdown()} render it for people.
 *
 * @param host     the audited host's name, or where the listing came from
 * @param policy   the policy audited against
 * @param services the listening sockets, in listing order
 * @param findings the findings, most severe first
 */
public record ServiceReport(String host, ServicePolicy policy, List<ListeningService> services, List<Finding> findings) {

    private static final List<String> HEADER = List.of("PROTO", "ADDRESS", "PORT", "PROCESS", "EXPOSURE", "POLICY",
            "FINDINGS");

    /** Validates and copies the components. */
    public ServiceReport {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(policy, "policy");
        services = List.copyOf(services);
        findings = List.copyOf(findings);
    }

    /** The findings about one listener (those whose subject is that listener). */
    public List<Finding> findingsFor(ListeningService service) {
        String subject = service.subject();
        return findings.stream().filter(f -> f.subject().equals(subject)).collect(Collectors.toUnmodifiableList());
    }

    /** The report as plain text: a title, the table of listening services, then the findings. */
    public String toText() {
        return "Listening services on " + TextTable.printable(host) + " (" + services.size() + ")\n\n"
                + TextTable.text(HEADER, rows()) + "\n" + "Findings (" + findings.size() + ")\n\n"
                + FindingsRenderer.text(findings);
    }

    /** The report as Markdown: a heading, the table of listening services, then a table of findings. */
    public String toMarkdown() {
        return "## Listening services on " + TextTable.markdownEscape(host) + "\n\n" + TextTable.markdown(HEADER, rows())
                + "\n### Findings (" + findings.size() + ")\n\n" + FindingsRenderer.markdown(findings);
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (ListeningService s : services) {
            String expected = !s.isPortKnown() ? "port unknown"
                    : policy.find(s.protocol(), s.port()).map(e -> e.name() + ": " + e.exposureText())
                            .orElse("not in policy");
            String ids = findingsFor(s).stream().map(Finding::id).distinct().collect(Collectors.joining(", "));
            String address = s.local().address() + s.local().scope().map(scope -> "%" + scope).orElse("");
            rows.add(List.of(s.protocol().wireName(), address, s.portText(), s.processText(),
                    s.scope() == AddressScope.UNKNOWN ? "unknown" : s.exposure().wireName(), expected,
                    ids.isEmpty() ? "-" : ids));
        }
        return rows;
    }
}
