package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpNetworkTest {

    private static IpNetwork net(String text) {
        return IpNetwork.parse(text);
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "192.168.1.7, 192.168.1.7/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "2001:DB8::/32, 2001:db8::/32",
        "::1, ::1/128",
        "::/0, ::/0",
        "fe80:0:0:0::/64, fe80::/64",
    })
    void parsesToCanonicalForm(String text, String canonical) {
        assertThat(net(text)).hasToString(canonical);
        assertThat(IpNetwork.tryParse(text)).map(IpNetwork::toString).contains(canonical);
    }

    @Test
    void refusesAnAddressLongerThanAnyBeforeCopyingOrReadingIt() {
        // Once, a million-digit token was copied three times and quoted whole in the reason (issue 15).
        String token = "1".repeat(1_000_000) + "/8";
        assertThatThrownBy(() -> net(token)).isInstanceOfSatisfying(ParseException.class, e -> {
            assertThat(e.position().column()).isEqualTo(1);
            assertThat(e.reason()).isEqualTo("'" + "1".repeat(40) + "...' is 1000000 characters, longer than any IP "
                    + "address (at most 45)");
        });
        String longest = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
        assertThat(net(longest + "/128")).hasToString("::ffff:255.255.255.255/128");
        assertThatThrownBy(() -> net("0" + longest + "/128")).isInstanceOf(ParseException.class)
                .hasMessageContaining("is 46 characters, longer than any IP address (at most 45)");
    }

    @Test
    void rejectsHostBitsNamingTheNetworkMeant() {
        assertThatThrownBy(() -> net("10.0.0.1/8")).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:1: 10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8? in '10.0.0.1/8'");
        assertThatThrownBy(() -> net("2001:db8::1/32"))
                .hasMessageContaining("2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?");
        assertThatThrownBy(() -> IpNetwork.of(IpAddresses.parse("10.0.0.1"), 8))
                .isInstanceOf(ValidationException.class)
                .hasMessage("10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?");
    }

    @Test
    void lenientParsingAndContainingClearHostBits() {
        assertThat(IpNetwork.parseLenient("10.0.0.1/8")).isEqualTo(net("10.0.0.0/8"));
        assertThat(IpNetwork.containing(IpAddresses.parse("192.168.7.9"), 20)).hasToString("192.168.0.0/20");
        assertThat(IpNetwork.containing(IpAddresses.parse("2001:db8::ff"), 120)).hasToString("2001:db8::/120");
    }

    @Test
    void rejectsBadPrefixes() {
        assertThatThrownBy(() -> net("10.0.0.1/33"))
                .hasMessage("<string>:1:10: prefix length 33 is above 32 in '10.0.0.1/33'");
        assertThatThrownBy(() -> net("::/129")).hasMessage("<string>:1:4: prefix length 129 is above 128 in '::/129'");
        assertThatThrownBy(() -> net("10.0.0.0/")).hasMessage("<string>:1:10: missing prefix length after '/' in '10.0.0.0/'");
        assertThatThrownBy(() -> net("10.0.0.0/08")).hasMessage("<string>:1:10: prefix length '08' has a leading zero in '10.0.0.0/08'");
        assertThatThrownBy(() -> net("10.0.0.0/-1"))
                .hasMessage("<string>:1:10: prefix length '-1' is not a number from 0 to 32 in '10.0.0.0/-1'");
        assertThatThrownBy(() -> net("300.0.0.0/8"))
                .hasMessage("<string>:1:1: IPv4 address part 300 is above 255 in '300.0.0.0/8'");
        assertThatThrownBy(() -> net("fe80::%1/64")).hasMessage("<string>:1:7: a network has no '%' zone in 'fe80::%1/64'");
        assertThatThrownBy(() -> IpNetwork.of(IpAddresses.parse("10.0.0.0"), 33))
                .isInstanceOf(ValidationException.class).hasMessage("prefix length 33 is above 32");
    }

    @Test
    void containsAddressesAndNetworksOfItsOwnFamilyOnly() {
        IpNetwork lan = net("192.168.0.0/16");
        assertThat(lan.contains(IpAddresses.parse("192.168.255.255"))).isTrue();
        assertThat(lan.contains(IpAddresses.parse("192.169.0.0"))).isFalse();
        assertThat(lan.contains(IpAddresses.parse("::ffff:192.168.1.1"))).isFalse();
        assertThat(lan.contains(net("192.168.4.0/22"))).isTrue();
        assertThat(net("192.168.4.0/22").contains(lan)).isFalse();
        assertThat(IpNetwork.ANY_IPV6.contains(IpAddresses.parse("10.0.0.1"))).isFalse();
        assertThat(IpNetwork.ANY_IPV4.contains(lan)).isTrue();
    }

    @Test
    void overlapsIsSymmetric() {
        assertThat(net("10.0.0.0/8").overlaps(net("10.20.0.0/16"))).isTrue();
        assertThat(net("10.20.0.0/16").overlaps(net("10.0.0.0/8"))).isTrue();
        assertThat(net("10.0.0.0/8").overlaps(net("11.0.0.0/8"))).isFalse();
        assertThat(net("::/0").overlaps(net("0.0.0.0/0"))).isFalse();
    }

    @Test
    void knowsItsSizeAndBounds() {
        IpNetwork n = net("10.1.2.0/23");
        assertThat(n.size()).isEqualTo(BigInteger.valueOf(512));
        assertThat(IpAddresses.format(n.firstAddress())).isEqualTo("10.1.2.0");
        assertThat(IpAddresses.format(n.lastAddress())).isEqualTo("10.1.3.255");
        assertThat(IpNetwork.ANY_IPV6.size()).isEqualTo(BigInteger.ONE.shiftLeft(128));
        assertThat(IpAddresses.format(net("2001:db8::/64").lastAddress())).isEqualTo("2001:db8::ffff:ffff:ffff:ffff");
        assertThat(n.isIpv4()).isTrue();
        assertThat(n.bitLength()).isEqualTo(32);
        assertThat(n.prefixLength()).isEqualTo(23);
        assertThat(IpNetwork.ANY_IPV6.isIpv4()).isFalse();
    }

    @Test
    void dropsTheZoneOfAnAddress() {
        assertThat(IpNetwork.of(IpAddresses.parse("fe80::1%3"), 128)).hasToString("fe80::1/128");
    }

    @Test
    void sortsIpv4FirstThenByAddressThenByPrefix() {
        TreeSet<IpNetwork> sorted = new TreeSet<>(List.of(net("::/0"), net("10.0.0.0/16"), net("10.0.0.0/8"),
                net("9.0.0.0/8"), net("128.0.0.0/1")));
        assertThat(sorted).map(IpNetwork::toString)
                .containsExactly("9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "128.0.0.0/1", "::/0");
    }
}
