package dev.bulwark.core.audit;

import dev.bulwark.core.audit.internal.JsonOutput;
import dev.bulwark.core.audit.internal.ServiceReportJson;
import dev.bulwark.core.net.AddressScope;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of a service audit: every listening TCP and UDP socket with its exposure ({@code unknown}
 * for a listener bound to a host name, which the findings take as reachable from anywhere), and the
 * findings. {@link #toText()} and {@link #toMarkdown()} render it for people, {@link #toJson()} for
 * programs and {@link Sarif#toSarif(List)} of its findings for code-scanning tools.
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

    /**
     * The report as a JSON document of kind {@code service-report} in the schema of
     * {@link FindingsJson#SCHEMA_RESOURCE}: the host, one object per listening service (protocol,
     * address, port, processes, address scope, exposure, the policy entry that covers it, the ids of
     * its findings), and the findings.
     */
    public String toJson() {
        return JsonOutput.toString(json -> ServiceReportJson.write(json, this));
    }

    /** Writes {@link #toJson()} to {@code out}, which stays open. */
    public void writeJson(Writer out) throws IOException {
        JsonOutput.write(out, json -> ServiceReportJson.write(json, this));
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
