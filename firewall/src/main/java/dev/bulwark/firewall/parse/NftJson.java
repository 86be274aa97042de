package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.internal.NftJsonReader;
import dev.bulwark.firewall.parse.internal.RulesetReader;
import java.util.Optional;

/**
 * Parses {@code nft -j list ruleset} output into a {@link Ruleset}: tables of every family, base
 * chains with their hook, priority and policy, user chains, named sets (resolved into the address
 * matches that use them), and rules with the expressions firewalls use ({@code ip/ip6 saddr/daddr},
 * {@code meta l4proto}, {@code tcp/udp/th dport/sport} with sets and ranges, {@code iifname},
 * {@code oifname}, {@code ct state}, {@code limit}, verdicts, NAT, {@code log}, comments).
 *
 * <p>Anything else is kept verbatim as its JSON. Note: for tables written by iptables-nft,
 * {@code nft -j} prints {@code xt} expressions without their arguments; those parts are kept as not
 * understood. Read such tables with {@link IptablesSave} instead. Rule positions give the rule's
 * index in the {@code nftables} array as the line number.
 *
 * @see <a href="https://www.netfilter.org/projects/nftables/manpage.html">nft(8)</a>
 * @see <a href="https://manpages.debian.org/libnftables-json">libnftables-json(5)</a>
 */
public final class NftJson {

    private static final RulesetReader READER = (source, text, lenient) -> new NftJsonReader(source, lenient).read(text);

    private NftJson() {
    }

    /** Parses strictly; throws the first {@link ParseException}. */
    public static Ruleset parse(String text) {
        return parse(text, Position.STRING_SOURCE);
    }

    /** Parses strictly, naming the text {@code source} in positions. */
    public static Ruleset parse(String text, String source) {
        return READER.parse(text, source);
    }

    /** The parsed ruleset, or empty when the text is not valid {@code nft -j} output. */
    public static Optional<Ruleset> tryParse(String text) {
        return READER.tryParse(text, Position.STRING_SOURCE);
    }

    /** Parses leniently: items that cannot be read are reported and kept verbatim; JSON syntax errors still throw. */
    public static ParseResult<Ruleset> parseLenient(String text, String source) {
        return READER.parseLenient(text, source);
    }
}
