package dev.bulwark.ssh.config.internal;

import dev.bulwark.ssh.config.SshdKeyword;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value checks and normalisation with sshd 9.2's rules: flags, multi-state choices (with the name
 * {@code sshd -T} prints for each), {@code convtime} intervals, integers. Not API.
 */
public final class Values {

    private static final Pattern TIME = Pattern.compile("(?:\\d+[sSmMhHdDwW]?)+");
    private static final Pattern TIME_PART = Pattern.compile("(\\d+)([sSmMhHdDwW]?)");
    private static final Pattern INT = Pattern.compile("-?\\d{1,10}");
    private static final Map<SshdKeyword, Map<String, String>> CHOICES = new EnumMap<>(SshdKeyword.class);
    private static final Set<String> LOG_LEVELS = Set.of("QUIET", "FATAL", "ERROR", "INFO", "VERBOSE", "DEBUG",
            "DEBUG1", "DEBUG2", "DEBUG3");
    private static final Set<String> FACILITIES = Set.of("DAEMON", "USER", "AUTH", "AUTHPRIV", "LOCAL0", "LOCAL1",
            "LOCAL2", "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7");

    static {
        choices(SshdKeyword.PERMIT_ROOT_LOGIN, "without-password", "without-password", "prohibit-password",
                "without-password", "forced-commands-only", "forced-commands-only", "yes", "yes", "no", "no");
        choices(SshdKeyword.ADDRESS_FAMILY, "inet", "inet", "inet6", "inet6", "any", "any");
        choices(SshdKeyword.IGNORE_RHOSTS, "yes", "yes", "no", "no", "shosts-only", "shosts-only");
        choices(SshdKeyword.COMPRESSION, "yes", "yes", "delayed", "yes", "no", "no");
        choices(SshdKeyword.GATEWAY_PORTS, "clientspecified", "clientspecified", "yes", "yes", "no", "no");
        String[] forwarding = {"yes", "yes", "all", "yes", "no", "no", "remote", "remote", "local", "local"};
        choices(SshdKeyword.ALLOW_TCP_FORWARDING, forwarding);
        choices(SshdKeyword.ALLOW_STREAM_LOCAL_FORWARDING, forwarding);
        choices(SshdKeyword.PERMIT_TUNNEL, "yes", "yes", "point-to-point", "point-to-point", "ethernet", "ethernet",
                "no", "no");
    }

    private Values() {
    }

    private static void choices(SshdKeyword keyword, String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        CHOICES.put(keyword, map);
    }

    /** Why sshd would reject these arguments for the keyword, or empty when it accepts them. */
    public static Optional<String> check(SshdKeyword k, List<String> args) {
        String kw = k.wireName();
        String first = args.isEmpty() ? "" : args.get(0);
        if (k.isObsolete() || k.multiplicity() == SshdKeyword.Multiplicity.STRUCTURE) {
            return Optional.empty();
        }
        int max = maxArguments(k);
        if (args.size() > max) {
            return Optional.of("keyword " + kw + " extra arguments at end of line");
        }
        if (args.isEmpty() || first.isEmpty()) {
            return Optional.of("keyword " + kw + " empty argument");
        }
        switch (k.kind()) {
            case FLAG:
                return first.equalsIgnoreCase("yes") || first.equalsIgnoreCase("no")
                        ? Optional.empty() : Optional.of("unsupported option \"" + first + "\".");
            case CHOICE:
                return CHOICES.get(k).containsKey(first.toLowerCase(Locale.ROOT))
                        ? Optional.empty() : Optional.of("unsupported option \"" + first + "\".");
            case TIME:
                if (k == SshdKeyword.UNUSED_CONNECTION_TIMEOUT && first.equalsIgnoreCase("none")) {
                    return Optional.empty();
                }
                return seconds(first).isPresent() ? Optional.empty() : Optional.of("invalid time value.");
            case INT:
                return checkInt(k, first);
            case UPPER:
                return checkUpper(k, first);
            default:
                return checkOther(k, args);
        }
    }

    private static int maxArguments(SshdKeyword k) {
        if (k == SshdKeyword.REKEY_LIMIT || k == SshdKeyword.IP_QOS) {
            return 2;
        }
        if (k == SshdKeyword.LISTEN_ADDRESS) {
            return 3;
        }
        return k.kind() == SshdKeyword.Kind.LIST || k.kind() == SshdKeyword.Kind.LINE ? Integer.MAX_VALUE : 1;
    }

    private static Optional<String> checkInt(SshdKeyword k, String value) {
        if (!INT.matcher(value).matches() || Long.parseLong(value) > Integer.MAX_VALUE) {
            return Optional.of(k == SshdKeyword.PORT ? "Badly formatted port number."
                    : k.wireName().toLowerCase(Locale.ROOT) + " integer value invalid.");
        }
        long v = Long.parseLong(value);
        if (k == SshdKeyword.PORT && (v < 1 || v > 65535)) {
            return Optional.of("Badly formatted port number.");
        }
        return v < 0 ? Optional.of(k.wireName().toLowerCase(Locale.ROOT) + " integer value invalid.") : Optional.empty();
    }

    private static Optional<String> checkUpper(SshdKeyword k, String value) {
        String u = value.toUpperCase(Locale.ROOT);
        if (k == SshdKeyword.LOG_LEVEL && !LOG_LEVELS.contains(u)) {
            return Optional.of("unsupported log level '" + value + "'");
        }
        if (k == SshdKeyword.SYSLOG_FACILITY && !FACILITIES.contains(u)) {
            return Optional.of("unsupported log facility '" + value + "'");
        }
        if (k == SshdKeyword.FINGERPRINT_HASH && !u.equals("MD5") && !u.equals("SHA256")) {
            return Optional.of("Invalid FingerprintHash algorithm \"" + value + "\".");
        }
        return Optional.empty();
    }

    private static Optional<String> checkOther(SshdKeyword k, List<String> args) {
        switch (k) {
            case SUBSYSTEM:
                return args.size() < 2 ? Optional.of("Missing subsystem command.") : Optional.empty();
            case SET_ENV:
                for (String a : args) {
                    if (a.indexOf('=') <= 0) {
                        return Optional.of("Invalid environment.");
                    }
                }
                return Optional.empty();
            case AUTHORIZED_KEYS_COMMAND:
            case AUTHORIZED_PRINCIPALS_COMMAND:
                return args.get(0).startsWith("/") || args.get(0).equalsIgnoreCase("none") ? Optional.empty()
                        : Optional.of(k.wireName().toLowerCase(Locale.ROOT) + " must be an absolute path");
            case RDOMAIN:
                return Optional.of("setting RDomain not supported on this platform.");
            case REKEY_LIMIT:
                return args.get(0).matches("(?i)\\d{1,12}[kmgt]?|default|none")
                        && (args.size() < 2 || args.get(1).matches("(?i)default|none") || seconds(args.get(1)).isPresent())
                        ? Optional.empty() : Optional.of("Bad rekeylimit number '" + args.get(0) + "'");
            case STREAM_LOCAL_BIND_MASK:
                return args.get(0).matches("[0-7]{1,4}") && Integer.parseInt(args.get(0), 8) <= 0777
                        ? Optional.empty() : Optional.of("Invalid streamlocalbindmask.");
            case MAX_STARTUPS:
                return args.get(0).matches("\\d{1,9}(:\\d{1,3}:\\d{1,9})?")
                        ? Optional.empty() : Optional.of("Invalid maxstartups spec.");
            case PER_SOURCE_NET_BLOCK_SIZE:
                return args.get(0).matches("\\d{1,2}(:\\d{1,3})?")
                        ? Optional.empty() : Optional.of("Invalid persourcenetblocksize spec.");
            case PER_SOURCE_MAX_STARTUPS:
                return args.get(0).matches("(?i)none|\\d{1,9}")
                        ? Optional.empty() : Optional.of("persourcemaxstartups integer value invalid.");
            case IP_QOS:
                for (String a : args) {
                    if (!a.matches("(?i)af[1-4][1-3]|cs[0-7]|ef|le|lowdelay|throughput|reliability|none|\\d{1,3}")) {
                        return Optional.of("Bad IPQoS value: " + a);
                    }
                }
                return Optional.empty();
            case LISTEN_ADDRESS:
                return args.size() == 2 || (args.size() == 3 && !args.get(1).equals("rdomain"))
                        ? Optional.of("bad ListenAddress syntax") : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** sshd's {@code convtime}: {@code 90}, {@code 1m30s}, {@code 2h} … in seconds. */
    public static Optional<Long> seconds(String value) {
        if (value.length() > 40 || !TIME.matcher(value).matches()) {
            return Optional.empty();
        }
        long total = 0;
        Matcher m = TIME_PART.matcher(value);
        while (m.find()) {
            long n = Long.parseLong(m.group(1).length() > 12 ? "999999999999" : m.group(1));
            long unit;
            switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "m": unit = 60; break;
                case "h": unit = 3600; break;
                case "d": unit = 86400; break;
                case "w": unit = 604800; break;
                default: unit = 1;
            }
            total += n * unit;
            if (total > Integer.MAX_VALUE) {
                return Optional.empty();
            }
        }
        return Optional.of(total);
    }

    /** The word {@code sshd -T} prints for a multi-state choice. */
    public static String choice(SshdKeyword k, String value) {
        Map<String, String> map = CHOICES.get(k);
        String v = value.toLowerCase(Locale.ROOT);
        return map == null ? v : map.getOrDefault(v, v);
    }
}
