package dev.bulwark.core.net;

import dev.bulwark.core.ParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may reach a service: the three service categories of the secure baseline. The firewall model,
 * the service audit and the examples all speak these three words.
 */
public enum Exposure {
    /** Anyone on the internet may connect (a web server). */
    PUBLIC("public"),
    /** Only named networks or accounts may connect (SSH from the office, a database from the VPN). */
    PRIVATE("private"),
    /** Only the machine itself may connect: the service listens on loopback. */
    INTERNAL("internal");

    private final String wireName;

    Exposure(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case word: {@code public}, {@code private} or {@code internal}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The exposure with this wire name, in any case.
     *
     * @throws ParseException for any other word
     */
    public static Exposure parse(String text) {
        Objects.requireNonNull(text, "text");
        for (Exposure exposure : values()) {
            if (exposure.wireName.equals(text.toLowerCase(Locale.ROOT))) {
                return exposure;
            }
        }
        throw Syntax.error(Syntax.STRING, 0, "unknown exposure (expected public, private or internal)", text);
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<Exposure> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
