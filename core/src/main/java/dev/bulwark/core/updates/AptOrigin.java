package dev.bulwark.core.updates;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a package comes from, as APT describes a package file: the fields of its repository's
 * {@code Release} file ({@code Origin}, {@code Label}, {@code Suite}, {@code Codename}), its
 * component and the server's host name. unattended-upgrades matches its {@code Origins-Pattern}
 * keys {@code o=}, {@code l=}, {@code a=}, {@code n=}, {@code c=} and {@code site=} against exactly
 * these. An absent field is the empty string, as python-apt gives it.
 *
 * <pre>{@code
 * AptOrigin security = AptOrigin.parsePolicy(host.run(List.of("apt-cache", "policy"), timeout).stdout(),
 *         "apt-cache policy").get(0);
 * }</pre>
 *
 * @param origin    {@code Origin} ({@code Debian}, {@code Ubuntu})
 * @param label     {@code Label} ({@code Debian-Security})
 * @param archive   {@code Suite} ({@code stable-security}, {@code noble-security})
 * @param codename  {@code Codename} ({@code bookworm-security}, {@code noble})
 * @param component the component ({@code main})
 * @param site      the host name the package file was downloaded from ({@code deb.debian.org})
 */
public record AptOrigin(String origin, String label, String archive, String codename, String component,
                        String site) {

    /** Requires every field (empty when the repository does not set it). */
    public AptOrigin {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(codename, "codename");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(site, "site");
    }

    /**
     * Whether this package file carries security updates: its label or origin names security
     * ({@code Debian-Security}, {@code UbuntuESM} is not) or its suite or codename ends in
     * {@code -security} ({@code noble-security}, {@code bookworm-security}).
     */
    public boolean isSecurity() {
        return label.toLowerCase(Locale.ROOT).endsWith("-security")
                || archive.endsWith("-security") || codename.endsWith("-security");
    }

    /**
     * The package files listed by {@code apt-cache policy} (without arguments): each
     * {@code release v=12,o=Debian,a=stable-security,n=bookworm-security,l=Debian-Security,c=main,b=amd64}
     * line with the {@code origin} line that follows it. dpkg's own status file ({@code release a=now})
     * is left out.
     *
     * @throws ParseException naming {@code source}, line and column for a release field without {@code =}
     */
    public static List<AptOrigin> parsePolicy(String text, String source) {
        Objects.requireNonNull(text, "text");
        List<AptOrigin> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("release ")) {
                continue;
            }
            String o = "", l = "", a = "", n = "", c = "";
            int column = lines[i].indexOf("release ") + 9;
            for (String field : line.substring(8).split(",", -1)) {
                int eq = field.indexOf('=');
                if (eq < 0) {
                    throw new ParseException(new Position(source, i + 1, column), "release field without '='", field);
                }
                String value = field.substring(eq + 1);
                switch (field.substring(0, eq)) {
                    case "o": o = value; break;
                    case "l": l = value; break;
                    case "a": a = value; break;
                    case "n": n = value; break;
                    case "c": c = value; break;
                    default: break;
                }
                column += field.length() + 1;
            }
            String site = "";
            if (i + 1 < lines.length && lines[i + 1].strip().startsWith("origin ")) {
                site = lines[i + 1].strip().substring(7).strip();
            }
            if (!(a.equals("now") && c.isEmpty() && l.isEmpty() && site.isEmpty())) {
                out.add(new AptOrigin(o, l, a, n, c, site));
            }
        }
        return List.copyOf(out);
    }

    /** The fields as unattended-upgrades' {@code Origins-Pattern} keys, e.g. {@code o=Debian,a=stable-security,…}. */
    @Override
    public String toString() {
        return "o=" + origin + ",a=" + archive + ",n=" + codename + ",l=" + label + ",c=" + component
                + ",site=" + site;
    }
}
