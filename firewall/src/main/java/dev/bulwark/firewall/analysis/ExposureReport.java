package dev.bulwark.firewall.analysis;

import dev.bulwark.core.audit.Finding;
import java.util.List;

/**
 * The result of {@link ExposureAnalysis#audit}: one {@link SocketExposure} per listening socket and
 * the findings about the ruleset and about sockets more exposed than intended.
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
}
