package dev.bulwark.cli.audit;

import dev.bulwark.cli.ExitCodes;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.FindingsJson;
import dev.bulwark.core.audit.FindingsRenderer;
import dev.bulwark.core.audit.Sarif;
import java.io.PrintWriter;
import java.util.List;
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

    /**
     * Prints the report and says how to exit.
     *
     * @param findings  the findings
     * @param text      the text form of the whole report (findings and any tables)
     * @param markdown  the Markdown form of the whole report
     * @param json      the JSON form of the whole report
     */
    int print(PrintWriter out, List<Finding> findings, String text, String markdown, String json) {
        switch (format) {
            case MARKDOWN:
                out.print(markdown);
                break;
            case JSON:
                out.print(json);
                break;
            case SARIF:
                out.print(Sarif.toSarif(findings));
                break;
            default:
                out.print(text);
        }
        out.flush();
        return failOn.failsOn(findings) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Prints findings alone. */
    int print(PrintWriter out, List<Finding> findings) {
        return print(out, findings, FindingsRenderer.text(findings), FindingsRenderer.markdown(findings),
                FindingsJson.toJson(findings));
    }
}
