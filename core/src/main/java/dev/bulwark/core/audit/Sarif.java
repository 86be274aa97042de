package dev.bulwark.core.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.Position;
import dev.bulwark.core.audit.internal.BuildInfo;
import dev.bulwark.core.audit.internal.JsonOutput;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Findings as a <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF
 * 2.1.0</a> log for code-scanning consumers (GitHub code scanning, IDE viewers): one run whose tool
 * driver is {@code Bulwark} at this jar's version, one rule per finding id (in order of first
 * appearance), one result per finding.
 *
 * <p>A result's {@code level} follows the severity: {@code critical} and {@code high} are
 * {@code error}, {@code medium} is {@code warning}, {@code low} is {@code note}, and {@code info}
 * (not a weakness) is {@code none} with kind {@code informational}. The message is the finding's
 * message followed by {@code Fix:} and its remediation. Every result has a logical location named
 * by the subject, and a physical location (file URI, start line and column) when the subject names
 * a file and line ({@link Finding#location()}); an absolute path becomes a {@code file:} URI, a
 * relative one a relative reference. The result's properties repeat the Bulwark severity, subject
 * and remediation; each rule carries GitHub's {@code security-severity} score of its most severe
 * finding.
 */
public final class Sarif {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";

    /** The {@code $schema} URI written: the OASIS SARIF 2.1.0 schema. */
    public static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /** The tool driver's name. */
    public static final String TOOL_NAME = "Bulwark";

    private Sarif() {
    }

    /** The findings as a SARIF 2.1.0 log, ending with a line feed. */
    public static String toSarif(List<Finding> findings) {
        List<Finding> copy = List.copyOf(findings);
        return JsonOutput.toString(json -> log(json, copy));
    }

    /** Writes the findings as a SARIF 2.1.0 log to {@code out}, which stays open. */
    public static void write(List<Finding> findings, Writer out) throws IOException {
        List<Finding> copy = List.copyOf(findings);
        JsonOutput.write(out, json -> log(json, copy));
    }

    /** The SARIF level of a severity: {@code error}, {@code warning}, {@code note} or {@code none}. */
    public static String level(Severity severity) {
        switch (severity) {
            case CRITICAL:
            case HIGH:
                return "error";
            case MEDIUM:
                return "warning";
            case LOW:
                return "note";
            default:
                return "none";
        }
    }

    private static void log(JsonGenerator json, List<Finding> findings) throws IOException {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        Map<String, Severity> ruleSeverity = new LinkedHashMap<>();
        for (Finding f : findings) {
            ruleIndex.putIfAbsent(f.id(), ruleIndex.size());
            ruleSeverity.merge(f.id(), f.severity(), (a, b) -> a.isAtLeast(b) ? a : b);
        }
        json.writeStartObject();
        json.writeStringField("$schema", SCHEMA_URI);
        json.writeStringField("version", VERSION);
        json.writeArrayFieldStart("runs");
        json.writeStartObject();
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", TOOL_NAME);
        json.writeStringField("version", BuildInfo.version());
        json.writeArrayFieldStart("rules");
        for (Map.Entry<String, Severity> rule : ruleSeverity.entrySet()) {
            writeRule(json, rule.getKey(), rule.getValue());
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.writeArrayFieldStart("results");
        for (Finding f : findings) {
            writeResult(json, f, ruleIndex.get(f.id()));
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRule(JsonGenerator json, String id, Severity severity) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeObjectFieldStart("shortDescription");
        json.writeStringField("text", id);
        json.writeEndObject();
        json.writeObjectFieldStart("defaultConfiguration");
        json.writeStringField("level", level(severity));
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        json.writeArrayFieldStart("tags");
        json.writeString("security");
        json.writeEndArray();
        Optional<String> score = securityScore(severity);
        if (score.isPresent()) {
            json.writeStringField("security-severity", score.get());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, Finding f, int ruleIndex) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.id());
        json.writeNumberField("ruleIndex", ruleIndex);
        json.writeStringField("kind", f.severity() == Severity.INFO ? "informational" : "fail");
        json.writeStringField("level", level(f.severity()));
        json.writeObjectFieldStart("message");
        json.writeStringField("text", f.message() + " Fix: " + f.remediation());
        json.writeEndObject();
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        Optional<Position> at = f.location();
        Optional<String> uri = at.flatMap(p -> uri(p.source()));
        if (uri.isPresent()) {
            json.writeObjectFieldStart("physicalLocation");
            json.writeObjectFieldStart("artifactLocation");
            json.writeStringField("uri", uri.get());
            json.writeEndObject();
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", at.get().line());
            json.writeNumberField("startColumn", at.get().column());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeArrayFieldStart("logicalLocations");
        json.writeStartObject();
        json.writeStringField("fullyQualifiedName", f.subject());
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeObjectFieldStart("properties");
        json.writeStringField("severity", JsonOutput.severity(f.severity()));
        json.writeStringField("subject", f.subject());
        json.writeStringField("remediation", f.remediation());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** GitHub's security-severity score (0.1 to 10): critical above 9, high 7 to 8.9, medium 4 to 6.9, low below. */
    private static Optional<String> securityScore(Severity severity) {
        switch (severity) {
            case CRITICAL:
                return Optional.of("9.5");
            case HIGH:
                return Optional.of("8.0");
            case MEDIUM:
                return Optional.of("5.5");
            case LOW:
                return Optional.of("3.0");
            default:
                return Optional.empty();
        }
    }

    /** A file URI for an absolute path, a relative reference for a relative one; empty for a name such as {@code <string>}. */
    private static Optional<String> uri(String source) {
        if (source.startsWith("<")) {
            return Optional.empty();
        }
        try {
            String path = new URI(null, null, source, null).getRawPath();
            return Optional.of(source.startsWith("/") ? "file://" + path : path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
