package dev.bulwark.cli.audit;

/** How an audit prints its findings. */
enum Format {
    /** For a terminal: one block per finding. */
    TEXT,
    /** A Markdown table, for an issue or a wiki. */
    MARKDOWN;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
