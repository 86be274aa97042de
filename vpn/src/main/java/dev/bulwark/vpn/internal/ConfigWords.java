package dev.bulwark.vpn.internal;

import java.util.regex.Pattern;

/** The checks and quoting both renderers apply to words they write into a config file. Not API. */
public final class ConfigWords {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int SHOWN = 80;

    private ConfigWords() {
    }

    /**
     * Whether the text is a DNS host name: labels of letters, digits and inner hyphens, at most 253
     * characters, optionally ending in the root's dot.
     */
    public static boolean isDnsName(String text) {
        if (text.isEmpty() || text.length() > 253) {
            return false;
        }
        String body = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (body.isEmpty()) {
            return false;
        }
        for (String label : body.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The text for an error message: control characters as {@code \\uXXXX}, cut after 80 characters. */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < SHOWN; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > SHOWN ? out + "..." : out.toString();
    }
}
