package dev.bulwark.core.audit;

import dev.bulwark.core.audit.internal.JsonOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Findings as JSON for programs, in the documented schema {@link #SCHEMA_RESOURCE} (JSON Schema
 * 2020-12) shipped in this jar:
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "kind": "findings",
 *   "findings": [
 *     {
 *       "id": "ssh.permit-root-login",
 *       "severity": "high",
 *       "subject": "sshd_config:12",
 *       "message": "PermitRootLogin yes lets root log in with a password.",
 *       "remediation": "Set PermitRootLogin no.",
 *       "location": { "source": "sshd_config", "line": 12, "column": 1 }
 *     }
 *   ]
 * }
 * }</pre>
 * {@code location} is present when the subject names a file and line ({@link Finding#location()}).
 * Reports have JSON forms of their own in the same schema ({@link ServiceReport#toJson()}). A
 * change that could break a reader (a field removed, renamed or retyped) raises
 * {@link #SCHEMA_VERSION}; new optional fields do not. For code-scanning tools, see {@link Sarif}.
 */
public final class FindingsJson {

    /** The version of the JSON documents' schema, written as {@code schemaVersion}. */
    public static final int SCHEMA_VERSION = 1;

    /** The class-path resource holding the JSON Schema of every Bulwark JSON document. */
    public static final String SCHEMA_RESOURCE = "/dev/bulwark/core/audit/bulwark-findings.schema.json";

    private FindingsJson() {
    }

    /** The findings as a JSON document of kind {@code findings}, ending with a line feed. */
    public static String toJson(List<Finding> findings) {
        List<Finding> copy = List.copyOf(findings);
        return JsonOutput.toString(json -> body(json, copy));
    }

    /** Writes the findings as a JSON document of kind {@code findings} to {@code out}, which stays open. */
    public static void write(List<Finding> findings, Writer out) throws IOException {
        List<Finding> copy = List.copyOf(findings);
        JsonOutput.write(out, json -> body(json, copy));
    }

    /** The JSON Schema (2020-12) of Bulwark's JSON documents: findings and every report. */
    public static String schema() {
        try (InputStream in = FindingsJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the bulwark-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void body(com.fasterxml.jackson.core.JsonGenerator json, List<Finding> findings) throws IOException {
        JsonOutput.startDocument(json, "findings");
        JsonOutput.writeFindings(json, findings);
        json.writeEndObject();
    }
}
