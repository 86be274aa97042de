package dev.bulwark.firewall.parse.internal;

import java.util.List;

/**
 * One option of a match module as written: {@code [!] --name [values...]}. Not API.
 *
 * @param negated whether a {@code !} preceded it (or its value, in the old syntax)
 * @param name    the option name with its dashes
 * @param values  the values that followed it
 * @param column  the 1-based column of the option name
 */
public record Option(boolean negated, String name, List<String> values, int column) {

    /** Copies the components. */
    public Option {
        values = List.copyOf(values);
    }

    /** The single value; throws {@link IllegalArgumentException} when there is not exactly one. */
    public String value() {
        if (values.size() != 1) {
            throw new IllegalArgumentException("option " + name + " needs exactly one value, got " + values.size());
        }
        return values.get(0);
    }

    /** The option as written, for verbatim keeping. */
    public String text() {
        StringBuilder b = new StringBuilder();
        if (negated) {
            b.append("! ");
        }
        b.append(name);
        for (String v : values) {
            b.append(' ').append(IptablesText.quoteIfNeeded(v));
        }
        return b.toString();
    }
}
