package dev.bulwark.cli.audit;

import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.FindingsJson;
import dev.bulwark.core.audit.FindingsRenderer;
import java.util.List;

/**
 * An audit's result in every form {@code --format} chooses from; SARIF is made from the findings.
 *
 * @param findings the findings, which decide the exit status
 * @param text     the text form (findings and any tables)
 * @param markdown the Markdown form
 * @param json     the JSON form, in bulwark-core's documented schema
 */
record Report(List<Finding> findings, String text, String markdown, String json) {

    /** A report of findings alone. */
    static Report of(List<Finding> findings) {
        return new Report(findings, FindingsRenderer.text(findings), FindingsRenderer.markdown(findings),
                FindingsJson.toJson(findings));
    }
}
