package dev.bulwark.core.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * unattended-upgrades' origin selection, transcribed from its {@code get_allowed_origins},
 * {@code get_allowed_origins_legacy}, {@code substitute}, {@code match_whitelist_string} and
 * {@code is_allowed_origin} (unattended-upgrades 2.9): legacy {@code Allowed-Origins} entries
 * {@code "id:codename"} or {@code "id codename"} become {@code o=id,a=codename}; every value goes
 * through Python's {@code string.Template} substitution of {@code ${distro_id}} and
 * {@code ${distro_codename}} (twice for pattern values, as there); every {@code key=value} token of
 * a pattern must match with {@code fnmatch} (case-sensitive, {@code * ? [set] [!set]}). Where
 * unattended-upgrades raises an exception (and so stops without upgrading anything), this class
 * throws {@link Rejected} with the same reason.
 */
final class OriginMatcher {

    /** unattended-upgrades would stop with an error on this configuration. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }

    private final Map<String, String> mapping;

    OriginMatcher(String distroId, String distroCodename) {
        this.mapping = Map.of("distro_id", distroId, "distro_codename", distroCodename);
    }

    /** The patterns unattended-upgrades builds from both lists ({@code get_allowed_origins}). */
    List<String> patterns(List<String> allowedOrigins, List<String> originsPattern) throws Rejected {
        List<String> out = new ArrayList<>();
        for (String s : allowedOrigins) {
            List<String> parts = splitUnescapedColons(s);
            if (parts.size() == 1) {
                parts = List.of(s.strip().split("\\s+", -1));
                if (s.isBlank()) {
                    parts = List.of();
                }
            }
            if (parts.size() != 2) {
                throw new Rejected("Unable to parse Unattended-Upgrade::Allowed-Origins entry '"
                        + ConfigText.printable(s) + "' (needs exactly two parts, \"id:codename\")");
            }
            String id = parts.get(0).replace("\\:", ":");
            id = escapeCommas(id);
            String codename = escapeCommas(parts.get(1));
            out.add("o=" + substitute(id) + ",a=" + substitute(codename));
        }
        for (String s : originsPattern) {
            out.add(substitute(s));
        }
        return out;
    }

    /** {@code is_allowed_origin}: whether any pattern selects {@code origin}. */
    boolean allowed(List<String> patterns, AptOrigin origin) throws Rejected {
        for (String p : patterns) {
            if (matches(p, origin)) {
                return true;
            }
        }
        return false;
    }

    /** {@code match_whitelist_string}. */
    boolean matches(String pattern, AptOrigin origin) throws Rejected {
        String whitelist = pattern.strip();
        if (whitelist.isEmpty()) {
            return false;
        }
        boolean res = true;
        whitelist = whitelist.replace("\\,", "%2C");
        for (String token : whitelist.split(",", -1)) {
            String[] kv = token.split("=", -1);
            if (kv.length != 2) {
                throw new Rejected("token '" + ConfigText.printable(token) + "' of origin pattern '"
                        + ConfigText.printable(pattern) + "' is not one key=value");
            }
            String what = kv[0].strip().replace("%2C", ",");
            String value = substitute(kv[1].strip().replace("%2C", ","));
            String field;
            switch (what) {
                case "o": case "origin": field = origin.origin(); break;
                case "l": case "label": field = origin.label(); break;
                case "a": case "suite": case "archive": field = origin.archive(); break;
                case "c": case "component": field = origin.component(); break;
                case "site": field = origin.site(); break;
                case "n": case "codename": field = origin.codename(); break;
                default:
                    throw new Rejected("Unknown whitelist entry for matcher " + ConfigText.printable(what)
                            + " (token " + ConfigText.printable(token) + ")");
            }
            res = res && Glob.matches(value, field);
        }
        return res;
    }

    /** Python's {@code string.Template(line).substitute(mapping)}. */
    String substitute(String line) throws Rejected {
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            int next = i + 1;
            if (next < line.length() && line.charAt(next) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int idEnd = identifierEnd(line, next);
            if (idEnd > next) {
                out.append(lookup(line.substring(next, idEnd)));
                i = idEnd;
                continue;
            }
            if (next < line.length() && line.charAt(next) == '{') {
                int end = identifierEnd(line, next + 1);
                if (end > next + 1 && end < line.length() && line.charAt(end) == '}') {
                    out.append(lookup(line.substring(next + 1, end)));
                    i = end + 1;
                    continue;
                }
            }
            throw new Rejected("Invalid placeholder in string '" + ConfigText.printable(line) + "'");
        }
        return out.toString();
    }

    private String lookup(String name) throws Rejected {
        String value = mapping.get(name);
        if (value == null) {
            throw new Rejected("unknown variable ${" + ConfigText.printable(name) + "} (unattended-upgrades knows"
                    + " ${distro_id} and ${distro_codename})");
        }
        return value;
    }

    private static int identifierEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!(letter || i > from && c >= '0' && c <= '9')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static List<String> splitUnescapedColons(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ':' && (i == 0 || s.charAt(i - 1) != '\\')) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    /** {@code re.sub(r'([^\\]),', r'\1\\,', s)}: a comma after any character but a backslash gets one. */
    private static String escapeCommas(String s) {
        StringBuilder out = new StringBuilder(s.length() + 4);
        int i = 0;
        while (i < s.length()) {
            if (i + 1 < s.length() && s.charAt(i) != '\\' && s.charAt(i + 1) == ',') {
                out.append(s.charAt(i)).append("\\,");
                i += 2;
            } else {
                out.append(s.charAt(i));
                i++;
            }
        }
        return out.toString();
    }
}
