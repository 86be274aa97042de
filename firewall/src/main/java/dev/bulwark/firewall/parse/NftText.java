package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.internal.NftTextReader;
import dev.bulwark.firewall.parse.internal.RulesetReader;
import java.util.Optional;

/**
 * Parses {@code nft list ruleset} text, for the subset firewalls use, into a {@link Ruleset}:
 * tables, chains with {@code type ... hook ... priority ...; policy ...;}, sets with their elements
 * (resolved into the address matches that use them), and rules with {@code ip/ip6 saddr/daddr},
 * {@code meta l4proto}, {@code tcp/udp/th dport/sport} (single, {@code { 22, 80 }}, ranges),
 * {@code iifname/oifname}, {@code ct state}, {@code limit}, {@code counter}, {@code log},
 * {@code comment} and the verdicts {@code accept/drop/reject/jump/goto/return} and NAT. Other
 * expressions are kept verbatim as {@link Match.Other}.
 *
 * @see <a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a>
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

    /** Parses leniently: rules that cannot be read are reported and kept verbatim; structure errors still throw. */
    public static ParseResult<Ruleset> parseLenient(String text, String source) {
        return READER.parseLenient(text, source);
    }
}
