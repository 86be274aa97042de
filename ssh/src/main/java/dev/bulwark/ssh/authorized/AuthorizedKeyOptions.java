package dev.bulwark.ssh.authorized;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Command;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.From;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Principals;
import dev.bulwark.ssh.authorized.AuthorizedKeyOption.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The options field of an authorized_keys line: an ordered, immutable list of
 * {@link AuthorizedKeyOption}s. sshd refuses a line with two {@code command}, two
 * {@code principals} or two {@code from} options ("multiple \"from\" clauses"), so those are
 * rejected here too.
 *
 * <pre>{@code
 * AuthorizedKeyOptions opts = AuthorizedKeyOptions.of(KeyFlag.RESTRICT)
 *         .with(new Command("/usr/local/bin/backup"))
 *         .with(new From(List.of("10.0.0.0/8")));
 * opts.render(); // restrict,command="/usr/local/bin/backup",from="10.0.0.0/8"
 * }</pre>
 */
public final class AuthorizedKeyOptions {

    /** No options. */
    public static final AuthorizedKeyOptions NONE = new AuthorizedKeyOptions(List.of());

    private final List<AuthorizedKeyOption> options;

    private AuthorizedKeyOptions(List<AuthorizedKeyOption> options) {
        this.options = List.copyOf(options);
        for (String single : List.of("command", "principals", "from")) {
            if (this.options.stream().filter(o -> !(o instanceof Unknown) && o.keyword().equals(single)).count() > 1) {
                throw new ValidationException("multiple \"" + single + "\" options: sshd refuses such a line");
            }
        }
    }

    /** These options, in order. */
    public static AuthorizedKeyOptions of(AuthorizedKeyOption... options) {
        return new AuthorizedKeyOptions(List.of(options));
    }

    /** These options, in order. */
    public static AuthorizedKeyOptions of(List<? extends AuthorizedKeyOption> options) {
        return new AuthorizedKeyOptions(new ArrayList<>(options));
    }

    /**
     * Parses an options field such as {@code restrict,command="echo \"hi\"",from="10.*"}.
     *
     * @throws ParseException with the column of the bad option
     */
    public static AuthorizedKeyOptions parse(String text) {
        return OptionsParser.parse(text, Position.inString(1, 1));
    }

    /** Like {@link #parse(String)}, empty instead of throwing. */
    public static Optional<AuthorizedKeyOptions> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The options in order. */
    public List<AuthorizedKeyOption> asList() {
        return options;
    }

    /** Whether there are no options. */
    public boolean isEmpty() {
        return options.isEmpty();
    }

    /** Whether this flag is present. */
    public boolean has(KeyFlag flag) {
        return options.contains(flag);
    }

    /** The forced command, if any. */
    public Optional<String> command() {
        return first(Command.class).map(Command::command);
    }

    /** The patterns of the {@code from=} option (empty when unrestricted). */
    public List<String> from() {
        return options.stream().filter(From.class::isInstance)
                .flatMap(o -> ((From) o).patterns().stream()).collect(Collectors.toUnmodifiableList());
    }

    /** The certificate principals, if a {@code principals} option is present. */
    public Optional<List<String>> principals() {
        return first(Principals.class).map(Principals::principals);
    }

    /** The options sshd does not accept. */
    public List<Unknown> unknown() {
        return options.stream().filter(Unknown.class::isInstance).map(Unknown.class::cast)
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * A copy with {@code option} added at the end; a flag already present is not repeated, and a
     * {@code command}, {@code principals}, {@code from}, {@code tunnel} or {@code expiry-time} replaces the
     * one present.
     */
    public AuthorizedKeyOptions with(AuthorizedKeyOption option) {
        if (option instanceof KeyFlag && options.contains(option)) {
            return this;
        }
        List<AuthorizedKeyOption> copy = new ArrayList<>(options);
        String keyword = option.keyword();
        if (List.of("command", "principals", "from", "tunnel", "expiry-time").contains(keyword)) {
            copy.removeIf(o -> !(o instanceof Unknown) && o.keyword().equals(keyword));
        }
        copy.add(option);
        return new AuthorizedKeyOptions(copy);
    }

    /** A copy without any option of this keyword (case-insensitive, e.g. {@code from} or {@code no-pty}). */
    public AuthorizedKeyOptions without(String keyword) {
        List<AuthorizedKeyOption> copy = new ArrayList<>(options);
        copy.removeIf(o -> o.keyword().equalsIgnoreCase(keyword));
        return new AuthorizedKeyOptions(copy);
    }

    /**
     * The options field as written into the file: options joined by commas (empty when none).
     *
     * @throws ValidationException when a value read from a file holds a control character other than tab
     */
    public String render() {
        return options.stream().map(AuthorizedKeyOption::render).collect(Collectors.joining(","));
    }

    private <T extends AuthorizedKeyOption> Optional<T> first(Class<T> type) {
        return options.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizedKeyOptions && ((AuthorizedKeyOptions) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        try {
            return render();
        } catch (ValidationException e) {
            return options.size() + " options, one holding a control character";
        }
    }
}
