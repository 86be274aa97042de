package dev.bulwark.ssh.config.internal;

import dev.bulwark.ssh.config.Directive;
import dev.bulwark.ssh.config.SshdKeyword;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders an option's effective value the way {@code sshd -T} prints it (values only). Not API. */
public final class TFormat {

    private TFormat() {
    }

    /** The value lines {@code sshd -T} prints for the keyword; empty when it prints none. */
    public static List<String> values(SshdKeyword k, List<Directive> winners) {
        if (winners.isEmpty()) {
            return k.compiledDefault().map(d -> List.of(d.split("\n"))).orElse(List.of());
        }
        List<String> out = new ArrayList<>();
        if (k.multiplicity() == SshdKeyword.Multiplicity.ACCUMULATES) {
            for (Directive d : winners) {
                if (k == SshdKeyword.LISTEN_ADDRESS) {
                    out.add(d.value());
                } else {
                    for (String a : d.arguments()) {
                        out.add(one(k, a));
                    }
                }
            }
            return out;
        }
        if (k == SshdKeyword.SET_ENV) {
            Set<String> names = new HashSet<>();
            for (Directive d : winners) {
                for (String a : d.arguments()) {
                    if (names.add(a.substring(0, a.indexOf('=')))) {
                        out.add(a);
                    }
                }
            }
            return out;
        }
        if (k == SshdKeyword.REKEY_LIMIT) {
            String interval = winners.stream().filter(d -> d.arguments().size() > 1).findFirst()
                    .map(d -> rekeySeconds(d.arguments().get(1))).orElse("0");
            return List.of(bytes(winners.get(0).arguments().get(0)) + " " + interval);
        }
        if (k == SshdKeyword.SUBSYSTEM) {
            for (Directive d : winners) {
                out.add(d.value());
            }
            return out;
        }
        return List.of(single(k, winners.get(0)));
    }

    private static String single(SshdKeyword k, Directive d) {
        List<String> args = d.arguments();
        String first = args.get(0);
        switch (k) {
            case MAX_STARTUPS:
                return first.contains(":") ? first : first + ":30:" + first;
            case PER_SOURCE_NET_BLOCK_SIZE:
                return first.contains(":") ? first : first + ":0";
            case STREAM_LOCAL_BIND_MASK:
                return "0" + Integer.toOctalString(Integer.parseInt(first, 8));
            case IP_QOS:
                return first.toLowerCase(Locale.ROOT) + " " + (args.size() > 1 ? args.get(1) : first).toLowerCase(Locale.ROOT);
            case PERMIT_LISTEN:
                List<String> listens = new ArrayList<>();
                for (String a : args) {
                    listens.add(a.contains(":") || a.equals("any") || a.equals("none") ? a : "*:" + a);
                }
                return String.join(" ", listens);
            case VERSION_ADDENDUM:
                return d.rest().equalsIgnoreCase("none") ? "none" : d.rest();
            case PERMIT_USER_ENVIRONMENT:
                return first.equalsIgnoreCase("yes") || first.equalsIgnoreCase("no") ? first.toLowerCase(Locale.ROOT) : first;
            default:
                break;
        }
        switch (k.kind()) {
            case ALGORITHMS:
                return String.join(",", AlgorithmLists.resolve(k, first));
            case LIST:
                return String.join(" ", args);
            case LINE:
                return d.rest();
            default:
                return one(k, first);
        }
    }

    private static String one(SshdKeyword k, String a) {
        switch (k.kind()) {
            case FLAG:
                return a.toLowerCase(Locale.ROOT);
            case CHOICE:
                return Values.choice(k, a);
            case TIME:
                if (a.equalsIgnoreCase("none")) {
                    return "none";
                }
                long s = Values.seconds(a).orElseThrow();
                return k == SshdKeyword.UNUSED_CONNECTION_TIMEOUT && s == 0 ? "none" : Long.toString(s);
            case INT:
                return Long.toString(Long.parseLong(a));
            case UPPER:
                return a.toUpperCase(Locale.ROOT);
            default:
                return a;
        }
    }

    private static String bytes(String v) {
        if (v.equalsIgnoreCase("default") || v.equalsIgnoreCase("none")) {
            return "0";
        }
        char last = Character.toUpperCase(v.charAt(v.length() - 1));
        int shift = "KMGT".indexOf(last);
        if (shift < 0) {
            return Long.toString(Long.parseLong(v));
        }
        return Long.toString(Long.parseLong(v.substring(0, v.length() - 1)) << (10 * (shift + 1)));
    }

    private static String rekeySeconds(String v) {
        if (v.equalsIgnoreCase("default") || v.equalsIgnoreCase("none")) {
            return "0";
        }
        return Long.toString(Values.seconds(v).orElseThrow());
    }
}
