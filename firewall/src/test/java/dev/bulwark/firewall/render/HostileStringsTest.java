package dev.bulwark.firewall.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.firewall.FirewallPolicy;
import dev.bulwark.firewall.IpVersion;
import dev.bulwark.firewall.Ports;
import dev.bulwark.firewall.Rule;
import dev.bulwark.firewall.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile text in comments, interface names, set names and renderer names is either refused
 * with a {@link ValidationException} or carried without changing the output's structure: every
 * rendered output has exactly the lines it has for harmless text, and every shell line reads back
 * as exactly its arguments with no metacharacter outside quotes.
 */
class HostileStringsTest {

    private static final IpNetwork A = IpNetwork.parse("192.0.2.0/24");
    private static final IpNetwork B = IpNetwork.parse("2001:db8::/32");
    private static final IpNetwork C = IpNetwork.parse("198.51.100.0/24");

    @Property(tries = 1500)
    void commentsAreRefusedOrCarriedVerbatim(@ForAll("hostile") String text) {
        check(text, "harmless", s -> Rule.allow().protocol(Protocol.TCP).port(22).from(A, B).comment(s));
    }

    @Property(tries = 1000)
    void interfaceNamesAreRefusedOrCarriedVerbatim(@ForAll("hostile") String text) {
        check(text, "eth0", s -> Rule.reject().routed().inInterface(s).outInterface("eth1").protocol(Protocol.UDP).port(53));
        check(text, "eth0", s -> Rule.deny().in().inInterface(s).protocol(Protocol.TCP).port(25));
    }

    @Property(tries = 1000)
    void setNamesAreRefusedOrCarriedVerbatim(@ForAll("hostile") String text) {
        check(text, "admins", s -> Rule.allow().protocol(Protocol.TCP).port(22).fromSet(s, List.of(A, B, C)));
    }

    @Property(tries = 500)
    void rendererNamesAreRefusedOrSafe(@ForAll("hostile") String text) {
        FirewallPolicy policy = FirewallPolicy.builder().rule(Rule.allow().port(80).build()).build();
        List<String> outputs = new ArrayList<>();
        tryRender(() -> new NftablesRenderer(text, Optional.empty()).render(policy)).ifPresent(outputs::add);
        tryRender(() -> new IptablesRenderer(text, Optional.empty()).render(policy, IpVersion.IPV4)).ifPresent(outputs::add);
        tryRender(() -> new FirewalldRenderer(text, Optional.empty()).script(policy)).ifPresent(outputs::add);
        tryRender(() -> new FirewalldRenderer(text, Optional.empty()).zoneXml(policy)).ifPresent(outputs::add);
        for (String out : outputs) {
            assertThat(out).matches("[\\x20-\\x7e\\n\\t]*");
        }
        List<String> baseline = List.of(NftablesRenderer.standard().render(policy),
                IptablesRenderer.standard().render(policy, IpVersion.IPV4));
        if (outputs.size() >= 2 && text.matches("[A-Za-z][A-Za-z0-9_]{0,19}")) {
            assertThat(lines(outputs.get(0))).isEqualTo(lines(baseline.get(0)));
        }
    }

    private static void check(String text, String harmless, Function<String, RuleBuilder> rule) {
        FirewallPolicy hostile;
        try {
            hostile = FirewallPolicy.builder().rule(rule.apply(text).build()).build();
        } catch (ValidationException refused) {
            Statistics.label("model").collect("refused");
            return;
        }
        Statistics.label("model").collect("accepted");
        FirewallPolicy benign = FirewallPolicy.builder().rule(rule.apply(harmless).build()).build();
        for (IpVersion v : IpVersion.values()) {
            same(() -> IptablesRenderer.standard().render(hostile, v), () -> IptablesRenderer.standard().render(benign, v));
        }
        same(() -> NftablesRenderer.standard().render(hostile), () -> NftablesRenderer.standard().render(benign));
        same(() -> UfwRenderer.standard().userRules(hostile, IpVersion.IPV4),
                () -> UfwRenderer.standard().userRules(benign, IpVersion.IPV4));
        sameCommands(() -> UfwRenderer.standard().commands(hostile), () -> UfwRenderer.standard().commands(benign),
                () -> UfwRenderer.standard().script(hostile), () -> UfwRenderer.standard().script(benign));
        sameCommands(() -> FirewalldRenderer.standard().commands(hostile),
                () -> FirewalldRenderer.standard().commands(benign), () -> FirewalldRenderer.standard().script(hostile),
                () -> FirewalldRenderer.standard().script(benign));
    }

    private static void same(Render hostile, Render benign) {
        Optional<String> out = tryRender(hostile);
        if (out.isEmpty()) {
            return;
        }
        String b = benign.get();
        assertThat(lines(out.get())).as("line count of\n%s", out.get()).isEqualTo(lines(b));
        for (char c : out.get().toCharArray()) {
            assertThat(c == '\n' || c == '\t' || c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)
                    && c != '\u2028' && c != '\u2029').as("control character U+%04X", (int) c).isTrue();
        }
    }

    private static void sameCommands(CommandsRender hostile, CommandsRender benign, Render script, Render benignScript) {
        List<List<String>> commands;
        try {
            commands = hostile.get();
        } catch (ValidationException refused) {
            return;
        }
        assertThat(commands).hasSameSizeAs(benign.get());
        String[] lines = script.get().split("\n", -1);
        // the commands are the script's last lines (firewalld's script first empties the zone,
        // with lines that hold no policy text: they depend on the zone and management access only)
        int first = lines.length - 1 - commands.size();
        assertThat(first).isGreaterThanOrEqualTo(2);
        String[] plain = benignScript.get().split("\n", -1);
        assertThat(List.of(lines).subList(0, first)).isEqualTo(List.of(plain).subList(0, first));
        for (int i = 0; i < commands.size(); i++) {
            assertThat(PosixWords.split(lines[first + i])).isEqualTo(commands.get(i));
        }
    }

    private static Optional<String> tryRender(Render render) {
        try {
            return Optional.of(render.get());
        } catch (ValidationException refused) {
            return Optional.empty();
        }
    }

    private static long lines(String text) {
        return text.chars().filter(c -> c == '\n').count();
    }

    @FunctionalInterface
    interface Render {
        String get();
    }

    @FunctionalInterface
    interface CommandsRender {
        List<List<String>> get();
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("\n", "\r", "\0", "\u2028", "\u0085", "\t", "'", "\"", "\\", "$(id)",
                "`id`", ";", "&", "|", "<", ">", "#", " ", "}", "{", "*", "-j ACCEPT", "\nCOMMIT\n", "\" accept",
                "\naccept\n", "é", "\uD83D\uDE00", "\uD800", "eth0", "a", "_", ".", "+", "-");
        Arbitrary<String> words = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(8);
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ0129_.+-").ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(names, Arbitraries.oneOf(pieces, words, names).list().ofMaxSize(40)
                .map(parts -> String.join("", parts)));
    }
}
