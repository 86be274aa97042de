package dev.bulwark.core.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AptConfTest {

    @Test
    void readsScalarsNestedBlocksAndLists() {
        AptConf conf = Fixtures.apt("10periodic-download-only.conf");
        assertThat(conf.value("APT::Periodic::Download-Upgradeable-Packages")).contains("1");
        assertThat(conf.value("apt::periodic::unattended-upgrade")).contains("0");
        assertThat(conf.positionOf("APT::Periodic::Unattended-Upgrade").map(Object::toString))
                .contains("10periodic-download-only.conf:7:3");
        assertThat(conf.keys()).contains("APT::Periodic::Update-Package-Lists");
    }

    @Test
    void skipsAllThreeCommentStyles() {
        AptConf conf = Fixtures.apt("50unattended-upgrades-debian-style.conf");
        assertThat(conf.list("Unattended-Upgrade::Origins-Pattern")).containsExactly(
                "origin=Debian,codename=${distro_codename},label=Debian",
                "origin=Debian,codename=${distro_codename},label=Debian-Security",
                "origin=Debian,codename=${distro_codename}-security,label=Debian-Security");
        assertThat(conf.value("Unattended-Upgrade::Mail")).isEmpty();
        assertThat(conf.value("Unattended-Upgrade::Remove-Unused-Kernel-Packages")).contains("true");
        assertThat(conf.list("Unattended-Upgrade::Package-Blacklist")).isEmpty();
    }

    @Test
    void readsApConfigDumpOutput() {
        AptConf conf = AptConf.parse(Fixtures.read("apt-config-dump-excerpt.txt"), "dump");
        assertThat(conf.list("Unattended-Upgrade::Origins-Pattern")).hasSize(3);
        assertThat(conf.value("Unattended-Upgrade::Origins-Pattern")).isEmpty();
        assertThat(conf.list("DPkg::Pre-Install-Pkgs")).containsExactly("/usr/sbin/dpkg-preconfigure --apt || true");
        assertThat(conf.value("APT::Architecture")).contains("amd64");
    }

    @Test
    void clearRemovesAKeyAndEverythingUnderIt() {
        AptConf conf = AptConf.parse("A::B { \"x\"; }; A::B::C \"1\"; A::D \"2\";\n#clear A::B;\nA::B { \"y\"; };", "t");
        assertThat(conf.list("A::B")).containsExactly("y");
        assertThat(conf.value("A::B::C")).isEmpty();
        assertThat(conf.value("A::D")).contains("2");
    }

    @Test
    void readsUnquotedValuesAndListItemsAndRecordsIncludes() {
        AptConf conf = AptConf.parse("Foo true;\nList { a; b; };\n#include \"/etc/other.conf\";\n", "t");
        assertThat(conf.value("Foo")).contains("true");
        assertThat(conf.list("List")).containsExactly("a", "b");
        assertThat(conf.includes()).containsExactly("/etc/other.conf");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A \"x\"|t:1:6: expected ';' after 'x' in 'A \"x\"'",
        "A \"x;|t:1:3: unterminated string at end of file in 'A \"x;'",
        "A { B \"1\";|t:1:11: missing '}' to close 'A' in 'A { B \"1\";'",
        "};|t:1:1: unexpected '}' (no block is open) in '};'",
        "{ \"a\"; };|t:1:1: unexpected '{' (a block needs a key before it) in '{ \"a\"; };'",
        "\"orphan\";|t:1:1: value \"orphan\" has no key in '\"orphan\";'",
        "A /* open|t:1:3: unterminated '/*' comment in 'A /* open'",
        "#clear ;|t:1:8: expected a key after #clear in '#clear ;'",
        "A ;|t:1:3: expected a value after 'A' in 'A ;'",
    })
    void strictParsingFailsWithPositions(String text, String message) {
        assertThatThrownBy(() -> AptConf.parse(text, "t")).isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Test
    void unterminatedStringsEndAtTheLine() {
        assertThatThrownBy(() -> AptConf.parse("A \"x\nB \"y\";", "t"))
                .hasMessage("t:1:3: unterminated string (a value ends with '\"' on its line) in 'A \"x'");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "A {".repeat(100) + "}".repeat(100);
        assertThatThrownBy(() -> AptConf.parse(deep, "t")).hasMessageContaining("blocks nested deeper than 64");
    }

    @Test
    void lenientParsingKeepsTheGoodStatements() {
        ParseResult<AptConf> result = AptConf.parseLenient("A \"1\";\nB \"2\"\nC \"3\";\nD \"4\";\n", "t");
        assertThat(result.diagnostics()).extracting(ParseException::getMessage)
                .containsExactly("t:3:1: expected ';' after '2' in 'C \"3\";'");
        assertThat(result.value().value("A")).contains("1");
        assertThat(result.value().value("D")).contains("4");
        assertThat(result.isClean()).isFalse();
    }
}
