package dev.bulwark.firewall.analysis.internal;

import dev.bulwark.firewall.parse.Chain;
import dev.bulwark.firewall.parse.Match;
import dev.bulwark.firewall.parse.Rule;
import dev.bulwark.firewall.parse.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One representative name per class of outside interfaces the rules tell apart: every exact name
 * the rules mention (except {@code lo}), one name per wildcard prefix ({@code eth+}), and one name
 * no rule mentions. Loopback is left out: traffic on {@code lo} comes from the machine itself.
 * Not API.
 */
final class InterfaceClasses {

    /** A character no interface name can hold: it makes a name that matches only wildcards. */
    private static final String UNNAMED = "\u0000";

    private InterfaceClasses() {
    }

    static List<String> of(List<Table> tables) {
        TreeSet<String> names = new TreeSet<>();
        for (Table t : tables) {
            for (Chain c : t.chains()) {
                for (Rule r : c.rules()) {
                    for (Match m : r.matches()) {
                        if (m instanceof Match.Iface && ((Match.Iface) m).input()) {
                            String n = ((Match.Iface) m).name();
                            if (n.endsWith("+") || n.endsWith("*")) {
                                names.add(n.substring(0, n.length() - 1) + UNNAMED);
                            } else if (!n.equals("lo")) {
                                names.add(n);
                            }
                        }
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(names);
        out.add(UNNAMED);
        return out;
    }
}
