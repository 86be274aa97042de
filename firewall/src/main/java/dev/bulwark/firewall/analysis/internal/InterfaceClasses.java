package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.firewall.analysis.HostInterface;
import dev.bulwark.firewall.analysis.HostInterfaces;
import dev.bulwark.firewall.analysis.InterfaceClass;
import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Table;
import dev.bulwark.firewall.parse.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The incoming interfaces the analysis runs packets in on: the host's own (when its interface map
 * is known), else one representative per class of names the rules tell apart — every exact name
 * the rules mention, one name per wildcard prefix ({@code eth+}, {@code "eth*"}), and one name no
 * rule mentions — each classed by convention. Loopback is left out: its traffic comes from the
 * machine itself. Not API.
 */
public final class InterfaceClasses {

    /** A character no interface name can hold: it makes a name that matches only wildcards. */
    private static final String UNNAMED = "\u0000";

    /**
     * One incoming interface (or class of them).
     *
     * @param name    the name packets carry in the analysis
     * @param display how results name it
     * @param kind    what it faces
     */
    public record Rep(String name, String display, InterfaceClass kind) {
    }

    private InterfaceClasses() {
    }

    /** The representatives for {@code tables} on a host with {@code interfaces}. */
    public static List<Rep> of(List<Table> tables, HostInterfaces interfaces) {
        List<Rep> out = new ArrayList<>();
        if (interfaces.known()) {
            for (HostInterface i : interfaces.interfaces()) {
                if (i.kind() != InterfaceClass.LOOPBACK) {
                    out.add(new Rep(i.name(), i.name(), i.kind()));
                }
            }
            return out;
        }
        TreeSet<String> names = new TreeSet<>();
        for (Table t : tables) {
            for (Chain c : t.chains()) {
                names.addAll(c.devices());
                for (Rule r : c.rules()) {
                    collect(r.matches(), names);
                    if (r.target() instanceof Target.VerdictMap) {
                        for (Target.VerdictMap.Entry e : ((Target.VerdictMap) r.target()).entries()) {
                            collect(e.when(), names);
                        }
                    }
                }
            }
        }
        for (String n : names) {
            if (n.endsWith(UNNAMED)) {
                String prefix = n.substring(0, n.length() - 1);
                out.add(new Rep(n, prefix + "+ (other names starting with '" + prefix + "')",
                        InterfaceClass.byConvention(prefix.isEmpty() ? "x" : prefix)));
            } else if (InterfaceClass.byConvention(n) != InterfaceClass.LOOPBACK) {
                out.add(new Rep(n, n, InterfaceClass.byConvention(n)));
            }
        }
        out.add(new Rep(UNNAMED, "any other interface", InterfaceClass.PUBLIC));
        return out;
    }

    private static void collect(List<Match> matches, TreeSet<String> names) {
        // indexed (the lists are List.copyOf's): this runs over every rule, and an iterator per list adds up
        for (int i = 0, count = matches.size(); i < count; i++) {
            Match m = matches.get(i);
            if (m instanceof Match.Iface && ((Match.Iface) m).input()) {
                String n = ((Match.Iface) m).name();
                if (n.endsWith("+") || n.endsWith("*")) {
                    names.add(n.substring(0, n.length() - 1) + UNNAMED);
                } else if (!n.isEmpty()) {
                    names.add(n);
                }
            } else if (m instanceof Match.AnyOf) {
                for (List<Match> alt : ((Match.AnyOf) m).alternatives()) {
                    collect(alt, names);
                }
            }
        }
    }
}
