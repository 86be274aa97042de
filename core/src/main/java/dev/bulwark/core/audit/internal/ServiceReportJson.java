package dev.bulwark.core.audit.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.ListeningService;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.net.AddressScope;
import dev.bulwark.core.net.IpNetwork;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The JSON document of kind {@code service-report} ({@link ServiceReport#toJson()}). */
public final class ServiceReportJson {

    private ServiceReportJson() {
    }

    /** Writes the whole document. */
    public static void write(JsonGenerator json, ServiceReport report) throws IOException {
        JsonOutput.startDocument(json, "service-report");
        json.writeStringField("host", report.host());
        json.writeArrayFieldStart("services");
        for (ListeningService s : report.services()) {
            writeService(json, report, s);
        }
        json.writeEndArray();
        JsonOutput.writeFindings(json, report.findings());
        json.writeEndObject();
    }

    private static void writeService(JsonGenerator json, ServiceReport report, ListeningService s) throws IOException {
        json.writeStartObject();
        json.writeStringField("protocol", s.protocol().wireName());
        json.writeStringField("address", s.local().address());
        if (s.local().scope().isPresent()) {
            json.writeStringField("interface", s.local().scope().get());
        }
        if (s.isPortKnown()) {
            json.writeNumberField("port", s.port());
        }
        json.writeStringField("portText", s.portText());
        JsonOutput.writeProcesses(json, s.processes());
        json.writeStringField("addressScope", s.scope().name().toLowerCase(Locale.ROOT));
        json.writeStringField("exposure", s.scope() == AddressScope.UNKNOWN ? "unknown" : s.exposure().wireName());
        Optional<ExpectedService> expected = s.isPortKnown() ? report.policy().find(s.protocol(), s.port())
                : Optional.empty();
        if (expected.isPresent()) {
            ExpectedService e = expected.get();
            json.writeObjectFieldStart("policy");
            json.writeStringField("name", e.name());
            json.writeNumberField("firstPort", e.ports().first());
            json.writeNumberField("lastPort", e.ports().last());
            json.writeStringField("exposure", e.exposure().wireName());
            List<String> from = new ArrayList<>();
            for (IpNetwork n : e.allowedFrom()) {
                from.add(n.toString());
            }
            JsonOutput.writeStrings(json, "allowedFrom", from);
            json.writeEndObject();
        }
        List<String> ids = new ArrayList<>();
        for (Finding f : report.findingsFor(s)) {
            if (!ids.contains(f.id())) {
                ids.add(f.id());
            }
        }
        JsonOutput.writeStrings(json, "findings", ids);
        json.writeEndObject();
    }
}
