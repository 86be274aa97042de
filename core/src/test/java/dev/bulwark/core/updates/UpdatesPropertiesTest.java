package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class UpdatesPropertiesTest {

    @Provide
    Arbitrary<String> aptLikeText() {
        return Arbitraries.strings().withChars("AB:{};\"/*# \n\tclearinclude1").ofMaxLength(200);
    }

    @Property(tries = 3000)
    void aptLikeTextParsesOrThrowsParseException(@ForAll("aptLikeText") String text) {
        check(text);
    }

    @Property
    void arbitraryTextParsesOrThrowsParseException(@ForAll @StringLength(max = 3000) String text) {
        check(text);
    }

    private static void check(String text) {
        boolean aptStrictFailed = false;
        try {
            AptConf.parse(text, "t");
        } catch (ParseException expected) {
            assertThat(expected.getMessage()).startsWith("t:");
            aptStrictFailed = true;
        }
        checkLenient(AptConf.parseLenient(text, "t"), aptStrictFailed);
        boolean dnfStrictFailed = false;
        try {
            DnfAutomaticConf.parse(text, "t");
        } catch (ParseException expected) {
            assertThat(expected.getMessage()).startsWith("t:");
            dnfStrictFailed = true;
        }
        checkLenient(DnfAutomaticConf.parseLenient(text, "t"), dnfStrictFailed);
    }

    /** A lenient parse reports exactly when the strict one fails, within the bound, every diagnostic positioned. */
    private static void checkLenient(ParseResult<?> lenient, boolean strictFailed) {
        assertThat(lenient.value()).isNotNull();
        assertThat(lenient.isClean()).isEqualTo(!strictFailed);
        assertThat(lenient.diagnostics()).hasSizeLessThanOrEqualTo(ParseResult.MAX_DIAGNOSTICS)
                .allSatisfy(d -> assertThat(d.getMessage()).startsWith("t:"));
    }

    @Provide
    Arbitrary<String> originLikeText() {
        return Arbitraries.strings().withChars("oalncsite=,*?[]!-\\:${}_ DebianSecurity").ofMaxLength(80);
    }

    /** unattended-upgrades' matching, on any pattern: a verdict or Rejected, never another exception. */
    @Property(tries = 3000)
    void originMatchingDecidesOrRejects(@ForAll("originLikeText") String pattern,
                                        @ForAll("originLikeText") String allowed) {
        OriginMatcher matcher = new OriginMatcher("Debian", "bookworm");
        AptOrigin security = new AptOrigin("Debian", "Debian-Security", "oldstable-security", "bookworm-security",
                "main", "deb.debian.org");
        try {
            matcher.allowed(matcher.patterns(java.util.List.of(allowed), java.util.List.of(pattern)), security);
        } catch (OriginMatcher.Rejected expected) {
            assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(400);
        }
    }

    @Property
    void aptCachePolicyTextParsesOrThrowsParseException(@ForAll("policyLikeText") String text) {
        try {
            assertThat(AptOrigin.parsePolicy(text, "policy")).isNotNull();
        } catch (ParseException expected) {
            assertThat(expected.getMessage()).startsWith("policy:");
        }
    }

    @Provide
    Arbitrary<String> policyLikeText() {
        return Arbitraries.strings().withChars("release origin v=o,aln\n 500 http").ofMaxLength(300);
    }

    @Property
    void anyAcceptedOriginOrMailRoundTrips(@ForAll @StringLength(min = 1, max = 60) String origin,
            @ForAll @StringLength(min = 1, max = 30) String mail) {
        UpdatePolicy policy;
        try {
            policy = UpdatePolicy.builder().addOrigin(origin).mailTo(mail).build();
        } catch (ValidationException refused) {
            return;
        }
        AptConf conf = AptConf.parse(UnattendedUpgrades.renderDropIn(policy), "52bulwark");
        assertThat(conf.list("Unattended-Upgrade::Origins-Pattern")).endsWith(origin);
        assertThat(conf.value("Unattended-Upgrade::Mail")).contains(mail);
        assertThat(DnfAutomaticConf.parse(DnfAutomatic.render(policy), "a").value("email", "email_to")).contains(mail);
    }
}
