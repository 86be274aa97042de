package dev.bulwark.ssh.config;

import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.config.internal.Values;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings hardening enforces globally, keyword to arguments. {@link #SEED} is the seed's
 * baseline: no root login, no passwords (nor keyboard-interactive, nor empty ones), keys on, three
 * attempts, no X11, 30 s to log in, and the modern algorithm lists of {@link WeakAlgorithms}.
 * {@link #withAllowUsers} and {@link #withPort} add the optional account list and port.
 *
 * @param settings keyword to arguments, validated as sshd would
 */
public record HardeningBaseline(Map<SshdKeyword, List<String>> settings) {

    /** The seed's baseline. */
    public static final HardeningBaseline SEED = new HardeningBaseline(seed());

    /** Validates every setting and copies the map. */
    public HardeningBaseline {
        Map<SshdKeyword, List<String>> copy = new EnumMap<>(SshdKeyword.class);
        for (Map.Entry<SshdKeyword, List<String>> e : settings.entrySet()) {
            SshdKeyword k = e.getKey();
            List<String> values = List.copyOf(e.getValue());
            if (k.isObsolete() || k.multiplicity() == SshdKeyword.Multiplicity.STRUCTURE) {
                throw new ValidationException("baseline cannot set " + k.wireName());
            }
            for (String v : values) {
                if (!SafeText.isSafe(v) || v.indexOf(' ') >= 0) {
                    throw new ValidationException("baseline value for " + k.wireName()
                            + " must be one word without control characters, '#', quotes or backslashes");
                }
            }
            Values.check(k, values).ifPresent(p -> {
                throw new ValidationException("baseline " + k.wireName() + ": " + p);
            });
            copy.put(k, values);
        }
        settings = Collections.unmodifiableMap(copy);
    }

    private static Map<SshdKeyword, List<String>> seed() {
        Map<SshdKeyword, List<String>> m = new EnumMap<>(SshdKeyword.class);
        m.put(SshdKeyword.PERMIT_ROOT_LOGIN, List.of("no"));
        m.put(SshdKeyword.PASSWORD_AUTHENTICATION, List.of("no"));
        m.put(SshdKeyword.KBD_INTERACTIVE_AUTHENTICATION, List.of("no"));
        m.put(SshdKeyword.PERMIT_EMPTY_PASSWORDS, List.of("no"));
        m.put(SshdKeyword.PUBKEY_AUTHENTICATION, List.of("yes"));
        m.put(SshdKeyword.MAX_AUTH_TRIES, List.of("3"));
        m.put(SshdKeyword.X11_FORWARDING, List.of("no"));
        m.put(SshdKeyword.LOGIN_GRACE_TIME, List.of("30"));
        m.put(SshdKeyword.CIPHERS, List.of(String.join(",", WeakAlgorithms.MODERN_CIPHERS)));
        m.put(SshdKeyword.MACS, List.of(String.join(",", WeakAlgorithms.MODERN_MACS)));
        m.put(SshdKeyword.KEX_ALGORITHMS, List.of(String.join(",", WeakAlgorithms.MODERN_KEX)));
        m.put(SshdKeyword.HOST_KEY_ALGORITHMS, List.of(String.join(",", WeakAlgorithms.MODERN_HOST_KEYS)));
        return m;
    }

    /** A copy that also sets {@code keyword} to {@code values}. */
    public HardeningBaseline with(SshdKeyword keyword, String... values) {
        Map<SshdKeyword, List<String>> m = new EnumMap<>(SshdKeyword.class);
        m.putAll(settings);
        m.put(keyword, List.of(values));
        return new HardeningBaseline(m);
    }

    /** A copy that restricts logins to these users ({@code AllowUsers}). */
    public HardeningBaseline withAllowUsers(String... users) {
        return with(SshdKeyword.ALLOW_USERS, users);
    }

    /** A copy that moves sshd to this port ({@code Port}); open it in the firewall first. */
    public HardeningBaseline withPort(int port) {
        return with(SshdKeyword.PORT, Integer.toString(port));
    }
}
