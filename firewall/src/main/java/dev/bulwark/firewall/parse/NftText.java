package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.internal.NftTextReader;
import dev.bulwark.firewall.parse.internal.RulesetReader;
import java.util.Optional;

/**
 * Parses text in nft(8)'s grammar into a {@link Ruleset}: what {@code nft list ruleset} prints
 * (with any of {@code -a -s -t -n -y -p -T}) and hand-written {@code nft -f} files ({@code define},
 * {@code flush ruleset}, {@code add}/{@code insert}/{@code delete}/{@code flush} commands;
 * {@code include} is refused, for a parser reads no files).
 *
 * <p>The text is parsed into the JSON items {@code nft -j list ruleset} prints for the same
 * ruleset and lowered like {@link NftJson}'s, so both give the same ruleset; errors point at the
 * line and column of the text and quote the offending token.
 *
 * @see <a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a>
 * @see <a href="https://manpages.debian.org/libnftables-json">libnftables-json(5)</a>
 */
public final class NftText {

    private static final RulesetReader READER = (source, text, lenient) -> new NftTextReader(source, lenient).read(text);

    private NftText() {
    }

    /** Parses strictly; throws the first {@link ParseException}. */
    public static Ruleset parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses strictly, naming the text {@code source} in positions. */
    public static Ruleset parse(String text, String source) {
        return READER.parse(text, source);
    }

    /** The parsed ruleset, or empty when the text cannot be read. */
    public static Optional<Ruleset> tryParse(String text) {
        return READER.tryParse(text, Position.STRING_SOURCE);
    }

    /** Parses leniently: rules that cannot be read are reported and kept verbatim; errors outside rules still throw. */
    public static ParseResult<Ruleset> parseLenient(String text, String source) {
        return READER.parseLenient(text, source);
    }
}
