package dev.bulwark.firewall.analysis.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.audit.internal.JsonOutput;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.firewall.analysis.ExposureReport;
import dev.bulwark.firewall.analysis.InterfaceReach;
import dev.bulwark.firewall.analysis.SocketExposure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON document of kind {@code firewall-exposure-report} ({@link ExposureReport#toJson()}). */
public final class ExposureReportJson {

    private ExposureReportJson() {
    }

    /** Writes the whole document. */
    public static void write(JsonGenerator json, ExposureReport report) throws IOException {
        JsonOutput.startDocument(json, "firewall-exposure-report");
        json.writeArrayFieldStart("exposures");
        for (SocketExposure e : report.exposures()) {
            writeExposure(json, e);
        }
        json.writeEndArray();
        JsonOutput.writeFindings(json, report.findings());
        json.writeEndObject();
    }

    private static void writeExposure(JsonGenerator json, SocketExposure e) throws IOException {
        json.writeStartObject();
        json.writeStringField("protocol", e.socket().netidName());
        json.writeStringField("local", e.socket().local().toString());
        JsonOutput.writeProcesses(json, e.socket().processes());
        json.writeStringField("exposure", e.level().wireName());
        JsonOutput.writeStrings(json, "sources", strings(e.sources()));
        JsonOutput.writeStrings(json, "notes", e.notes());
        json.writeArrayFieldStart("via");
        for (InterfaceReach v : e.via()) {
            json.writeStartObject();
            json.writeStringField("interface", v.iface());
            json.writeStringField("kind", v.kind().wireName());
            json.writeBooleanField("closed", v.closed());
            JsonOutput.writeStrings(json, "sources", strings(v.sources()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static List<String> strings(List<IpNetwork> networks) {
        List<String> out = new ArrayList<>(networks.size());
        for (IpNetwork n : networks) {
            out.add(n.toString());
        }
        return out;
    }
}
