package dev.bulwark.firewall.analysis;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.internal.JsonOutput;
import dev.bulwark.firewall.analysis.internal.ExposureReportJson;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The result of {@link ExposureAnalysis#audit}: one {@link SocketExposure} per listening socket and
 * the findings about the ruleset and about sockets more exposed than intended. {@link #toJson()}
 * gives it to programs; {@link dev.bulwark.core.audit.FindingsRenderer} and
 * {@link dev.bulwark.core.audit.Sarif} render its findings.
 *
 * @param exposures one per listening IP socket, in the socket table's order
 * @param findings  the findings, most severe first
 */
public record ExposureReport(List<SocketExposure> exposures, List<Finding> findings) {

    /** Copies the components. */
    public ExposureReport {
        exposures = List.copyOf(exposures);
        findings = List.copyOf(findings);
    }

    /** The findings with the given id. */
    public List<Finding> findings(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    /**
     * The report as a JSON document of kind {@code firewall-exposure-report} in the schema of
     * {@link dev.bulwark.core.audit.FindingsJson#SCHEMA_RESOURCE}: per listening socket its protocol,
     * local address, processes, exposure, the source networks that get through, the notes and who
     * gets through per incoming interface; then the findings.
     */
    public String toJson() {
        return JsonOutput.toString(json -> ExposureReportJson.write(json, this));
    }

    /** Writes {@link #toJson()} to {@code out}, which stays open. */
    public void writeJson(Writer out) throws IOException {
        JsonOutput.write(out, json -> ExposureReportJson.write(json, this));
    }
}
