package dev.bulwark.core.audit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.bulwark.core.Position;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.FindingsJson;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.sockets.SocketProcess;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes Bulwark's JSON documents with Jackson's streaming generator: two-space indentation,
 * {@code "name": value}, {@code \n} line ends whatever the platform, control characters escaped.
 * The document head ({@code schemaVersion}, {@code kind}) and a finding's object are written here
 * once so every report shares them.
 */
public final class JsonOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonOutput() {
    }

    /** What writes one document's body into a generator. */
    @FunctionalInterface
    public interface Body {
        /** Writes the body; the generator is closed afterwards. */
        void write(JsonGenerator json) throws IOException;
    }

    /** The document as a string, ending with a line feed. */
    public static String toString(Body body) {
        StringWriter out = new StringWriter();
        try {
            write(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    /** Writes the document to {@code out} (which stays open), ending with a line feed. */
    public static void write(Writer out, Body body) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            body.write(json.setPrettyPrinter(prettyPrinter()));
        }
        out.write('\n');
        out.flush();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /** Starts a document: opens the top object and writes {@code schemaVersion} and {@code kind}. */
    public static void startDocument(JsonGenerator json, String kind) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schemaVersion", FindingsJson.SCHEMA_VERSION);
        json.writeStringField("kind", kind);
    }

    /** Writes the field {@code findings}: an array of finding objects. */
    public static void writeFindings(JsonGenerator json, List<Finding> findings) throws IOException {
        json.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            writeFinding(json, f);
        }
        json.writeEndArray();
    }

    /** One finding's object: id, severity (lower case), subject, message, remediation, location when known. */
    public static void writeFinding(JsonGenerator json, Finding f) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", f.id());
        json.writeStringField("severity", severity(f.severity()));
        json.writeStringField("subject", f.subject());
        json.writeStringField("message", f.message());
        json.writeStringField("remediation", f.remediation());
        if (f.location().isPresent()) {
            Position p = f.location().get();
            json.writeObjectFieldStart("location");
            json.writeStringField("source", p.source());
            json.writeNumberField("line", p.line());
            json.writeNumberField("column", p.column());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** The severity as JSON shows it: {@code critical}, {@code high}, {@code medium}, {@code low}, {@code info}. */
    public static String severity(Severity severity) {
        return severity.name().toLowerCase(Locale.ROOT);
    }

    /** Writes {@code name} as an array of strings. */
    public static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    /** Writes {@code processes} as an array of {@code {"name", "pid"}} objects. */
    public static void writeProcesses(JsonGenerator json, List<SocketProcess> processes) throws IOException {
        json.writeArrayFieldStart("processes");
        for (SocketProcess p : processes) {
            json.writeStartObject();
            json.writeStringField("name", p.name());
            json.writeNumberField("pid", p.pid());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
