package dev.bulwark.cli.audit;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.core.audit.Sarif;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --fail-on}, and printing the findings with them. */
final class ReportOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown, json (Bulwark's documented schema) or sarif (SARIF 2.1.0)"
                    + " (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "Exit with status 1 when a finding is at least this severe: critical, high, medium, low,"
                    + " info, or none (default: ${DEFAULT-VALUE}).")
    Threshold failOn;

    /** Prints the report in the chosen format and says how to exit. */
    int print(PrintWriter out, Report report) {
        switch (format) {
            case MARKDOWN:
                out.print(report.markdown());
                break;
            case JSON:
                out.print(report.json());
                break;
            case SARIF:
                out.print(Sarif.toSarif(report.findings()));
                break;
            default:
                out.print(report.text());
        }
        out.flush();
        return failOn.failsOn(report.findings()) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
