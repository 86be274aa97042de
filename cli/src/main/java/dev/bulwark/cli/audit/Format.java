package dev.bulwark.cli.audit;

/** How an audit prints its findings. */
enum Format {
    /** For a terminal: one block per finding. */
    TEXT,
    /** A Markdown table, for an issue or a wiki. */
    MARKDOWN,
    /** Bulwark's JSON document, in the schema bulwark-core ships (FindingsJson.SCHEMA_RESOURCE). */
    JSON,
    /** SARIF 2.1.0, for code-scanning tools. */
    SARIF;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
