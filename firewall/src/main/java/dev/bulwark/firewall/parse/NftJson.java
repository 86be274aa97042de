package dev.bulwark.firewall.parse;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.firewall.parse.internal.NftJsonReader;
import dev.bulwark.firewall.parse.internal.RulesetReader;
import java.util.Optional;

/**
 * Parses {@code nft -j list ruleset} output into a {@link Ruleset}, with the kernel's semantics:
 * tables of every family, base chains with their hook, priority, policy and devices, user chains,
 * named sets and maps ({@link Table#sets()}; lookups in fixed sets resolved into their elements,
 * dynamic sets kept as {@link Match.IpSet}), and rules whose expressions become matches
 * (addresses, ports, protocols, interfaces, conntrack, ICMP types, {@code fib}, TCP flags,
 * concatenations as {@link Match.AnyOf}, other attributes as {@link Match.Meta}) and whose last
 * verdict becomes the target (verdict maps as {@link Target.VerdictMap}, NAT with a
 * {@link NatAddress}-readable destination). What nft's listing hides but its bytecode checks is
 * added back ({@code tcp dport} only sees TCP; {@code ip saddr} in an {@code inet} table only IPv4).
 *
 * <p>Anything else is kept verbatim as its JSON ({@link Match.Other}, {@link Target.Other}) and
 * listed by {@link Ruleset#rulesNotUnderstood()}. For tables written by iptables-nft, {@code nft -j}
 * prints {@code xt} expressions without their arguments; read such tables with {@link IptablesSave}
 * instead. Positions give an item's index in the {@code nftables} array as the line number.
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
