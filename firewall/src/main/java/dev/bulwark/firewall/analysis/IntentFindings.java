package dev.bulwark.firewall.analysis;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.Severity;
import dev.bulwark.core.net.Exposure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Findings for sockets whose exposure differs from the intended service kind. */
final class IntentFindings {

    private IntentFindings() {
    }

    static List<Finding> of(List<SocketExposure> exposures, Map<Integer, Exposure> intent) {
        List<Finding> out = new ArrayList<>();
        for (SocketExposure e : exposures) {
            Exposure wanted = intent.get(e.socket().local().port());
            if (wanted == null || wanted == e.level()) {
                continue;
            }
            String subject = e.socket().netidName() + " " + e.socket().local();
            String seen = e.level() == Exposure.PRIVATE ? "private to " + e.sources() : e.level().wireName();
            if (e.level().ordinal() < wanted.ordinal()) {
                Severity severity = e.level() == Exposure.PUBLIC ? Severity.HIGH : Severity.MEDIUM;
                out.add(new Finding("firewall.exposed-beyond-intent", severity, subject,
                        "intended " + wanted.wireName() + " but the rules make it " + seen,
                        wanted == Exposure.INTERNAL
                                ? "bind the service to 127.0.0.1/::1, or drop its port for every outside source"
                                : "allow its port only from the networks that need it and drop it for the rest"));
            } else {
                out.add(new Finding("firewall.less-exposed-than-intended", Severity.LOW, subject,
                        "intended " + wanted.wireName() + " but the rules make it " + seen,
                        e.level() == Exposure.INTERNAL && wanted != Exposure.INTERNAL
                                ? "allow its port from the intended sources, or bind it to an outside address"
                                : "allow its port from every address"));
            }
        }
        return out;
    }
}
