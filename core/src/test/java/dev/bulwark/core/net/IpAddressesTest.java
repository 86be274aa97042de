package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    /** One suite runs both parse and tryParse. */
    static Stream<Function<String, Optional<InetAddress>>> parsers() {
        return Stream.of(text -> Optional.of(IpAddresses.parse(text)), IpAddresses::tryParse);
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0.0.0.0",
        "192.168.1.10, 192.168.1.10",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8::0001, 2001:db8::1",
        "fe80::1:2, fe80::1:2",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1::, 1::",
        "1:0:0:2::, 1:0:0:2::",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::192.0.2.1, ::c000:201",
        "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
    })
    void parsesLiteralsAndFormatsThemCanonically(String text, String canonical) {
        parsers().forEach(parser -> assertThat(parser.apply(text)).map(IpAddresses::format).contains(canonical));
    }

    @Test
    void keepsTheFamilyAsWritten() {
        assertThat(IpAddresses.parse("10.1.2.3")).isInstanceOf(Inet4Address.class);
        InetAddress mapped = IpAddresses.parse("::ffff:10.1.2.3");
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(IpAddresses.ipv4Of(mapped)).map(IpAddresses::format).contains("10.1.2.3");
        assertThat(IpAddresses.ipv4Of(IpAddresses.parse("::1"))).isEmpty();
    }

    @Test
    void parsesNumericAndNamedZones() throws Exception {
        Inet6Address numeric = (Inet6Address) IpAddresses.parse("fe80::1%3");
        assertThat(numeric.getScopeId()).isEqualTo(3);
        assertThat(IpAddresses.format(numeric)).isEqualTo("fe80::1%3");
        NetworkInterface lo = NetworkInterface.getByName("lo");
        if (lo != null) {
            // lo has no link-local address, so the zone becomes its index.
            Inet6Address named = (Inet6Address) IpAddresses.parse("fe80::1%lo");
            assertThat(named.getScopeId()).isEqualTo(lo.getIndex());
            assertThat(IpAddresses.format(named)).isIn("fe80::1%lo", "fe80::1%" + lo.getIndex());
        }
    }

    @ParameterizedTest
    @MethodSource("badLiterals")
    void rejectsWithPositionedMessages(String text, String message) {
        assertThatThrownBy(() -> IpAddresses.parse(text)).isInstanceOf(ParseException.class).hasMessage(message);
        assertThat(IpAddresses.tryParse(text)).isEmpty();
    }

    static Stream<Arguments> badLiterals() {
        return Stream.of(
                Arguments.of("300.1.1.1", "<string>:1:1: IPv4 address part 300 is above 255 in '300.1.1.1'"),
                Arguments.of("1.2.3", "<string>:1:1: IPv4 address has 3 parts, not 4 in '1.2.3'"),
                Arguments.of("1.2.3.4.5", "<string>:1:8: IPv4 address has more than 4 parts in '1.2.3.4.5'"),
                Arguments.of("10.010.0.1", "<string>:1:4: IPv4 address part 010 has a leading zero"
                        + " (some tools read it as octal); write it without in '10.010.0.1'"),
                Arguments.of("1..2.3", "<string>:1:3: empty part in IPv4 address in '1..2.3'"),
                Arguments.of("1.2.3.4 ", "<string>:1:8: ' ' is not allowed in an IPv4 address in '1.2.3.4 '"),
                Arguments.of("", "<string>:1:1: empty IP address in ''"),
                Arguments.of("example.org", "<string>:1:1: 'e' is not allowed in an IPv4 address in 'example.org'"),
                Arguments.of("localhost", "<string>:1:1: 'l' is not allowed in an IPv4 address in 'localhost'"),
                Arguments.of("0x7f.1", "<string>:1:2: 'x' is not allowed in an IPv4 address in '0x7f.1'"),
                Arguments.of("1::2::3", "<string>:1:5: '::' may appear only once in an IPv6 address in '1::2::3'"),
                Arguments.of("1:2:3:4:5:6:7", "<string>:1:1: IPv6 address has 7 groups, not 8"
                        + " (use '::' for a run of zero groups) in '1:2:3:4:5:6:7'"),
                Arguments.of("1:2:3:4::5:6:7:8", "<string>:1:1: IPv6 address has 8 groups besides '::',"
                        + " more than 7 in '1:2:3:4::5:6:7:8'"),
                Arguments.of(":1::", "<string>:1:1: empty group in IPv6 address in ':1::'"),
                Arguments.of(":::", "<string>:1:3: empty group in IPv6 address in ':::'"),
                Arguments.of("12345::", "<string>:1:1: IPv6 group '12345' has more than 4 hex digits in '12345::'"),
                Arguments.of("fe80::g", "<string>:1:7: 'g' is not allowed in an IPv6 address in 'fe80::g'"),
                Arguments.of("1.2.3.4::", "<string>:1:2: '.' is not allowed in an IPv6 address in '1.2.3.4::'"),
                Arguments.of("::1.2.3.256", "<string>:1:9: IPv4 address part 256 is above 255 in '::1.2.3.256'"),
                Arguments.of("[::1]", "<string>:1:1: '[' is not allowed in an IPv6 address in '[::1]'"),
                Arguments.of("fe80::1%", "<string>:1:9: zone after '%' must be a number or an interface name"
                        + " in 'fe80::1%'"),
                Arguments.of("fe80::1%no-such-if0", "<string>:1:9: no network interface named 'no-such-if0'"
                        + " on this machine (a numeric zone works anywhere) in 'fe80::1%no-such-if0'"),
                Arguments.of("1.2\n3", "<string>:1:4: '\\n' is not allowed in an IPv4 address in '1.2\\n3'"),
                Arguments.of("1.2.3.4%1", "<string>:1:8: '%' is not allowed in an IPv4 address in '1.2.3.4%1'"));
    }

    @Test
    void errorsPointIntoTheEnclosingText() {
        Position origin = new Position("ss.txt", 7, 21);
        assertThatThrownBy(() -> IpAddresses.parse("10.0.0.999", origin))
                .hasMessage("ss.txt:7:28: IPv4 address part 999 is above 255 in '10.0.0.999'");
    }

    @Test
    void quotesAtMostAnExcerptOfAnOverlongPartOrGroup() {
        // The part or group is read where it stands; the reason quotes 40 characters of it, not all.
        assertThatThrownBy(() -> IpAddresses.parse("1".repeat(100_000) + ".1.1.1"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason())
                        .isEqualTo("IPv4 address part " + "1".repeat(40) + "... is above 255"));
        assertThatThrownBy(() -> IpAddresses.parse("a".repeat(100_000) + "::"))
                .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.reason())
                        .isEqualTo("IPv6 group '" + "a".repeat(40) + "...' has more than 4 hex digits"));
        assertThat(IpAddresses.parse("0001:0::00ff:1.2.3.4")).isEqualTo(IpAddresses.parse("1::ff:102:304"));
    }

    @Test
    void neverResolvesNames() {
        // A literal-only parser must not turn a host name into an address, even one in /etc/hosts.
        assertThat(IpAddresses.tryParse("localhost")).isEmpty();
        assertThat(IpAddresses.tryParse("ip6-localhost")).isEmpty();
    }
}
