package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortsAndNamesTest {

    @Test
    void parsesSinglePortsAndRangesWithEitherSeparator() {
        assertThat(PortRange.parse("80")).isEqualTo(PortRange.of(80));
        assertThat(PortRange.parse("8000-9000")).isEqualTo(PortRange.of(8000, 9000));
        assertThat(PortRange.parse("8000:9000")).isEqualTo(PortRange.of(8000, 9000));
        assertThat(PortRange.tryParse("65535")).contains(PortRange.of(65535));
        assertThat(PortRange.of(8000, 9000).render(':')).isEqualTo("8000:9000");
        assertThat(PortRange.of(8000, 9000)).hasToString("8000-9000");
        assertThat(PortRange.of(22)).hasToString("22");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9000-80|<string>:1:1: first port 9000 is above last port 80 in '9000-80'",
        "0|<string>:1:1: port 0 is below 1 in '0'",
        "65536|<string>:1:1: port 65536 is above 65535 in '65536'",
        "99999999999|<string>:1:1: port 99999999999 is above 65535 in '99999999999'",
        "080|<string>:1:1: port 080 has a leading zero in '080'",
        "80-|<string>:1:4: missing port number in '80-'",
        "-80|<string>:1:1: missing port number in '-80'",
        "1-2-3|<string>:1:4: '-' is not allowed in a port number in '1-2-3'",
        "http|<string>:1:1: 'h' is not allowed in a port number in 'http'",
    })
    void rejectsBadPortText(String text, String message) {
        assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(ParseException.class).hasMessage(message);
        assertThat(PortRange.tryParse(text)).isEmpty();
    }

    @Test
    void validatesComponents() {
        assertThatThrownBy(() -> PortRange.of(9000, 80)).isInstanceOf(ValidationException.class)
                .hasMessage("first port 9000 is above last port 80");
        assertThatThrownBy(() -> PortRange.of(0)).hasMessage("port 0 is below 1");
        assertThatThrownBy(() -> PortRange.of(70000)).hasMessage("port 70000 is above 65535");
    }

    @Test
    void answersContainsOverlapsAndSize() {
        PortRange range = PortRange.of(8000, 9000);
        assertThat(range.contains(8000)).isTrue();
        assertThat(range.contains(9001)).isFalse();
        assertThat(range.contains(PortRange.of(8080))).isTrue();
        assertThat(range.overlaps(PortRange.of(9000, 9100))).isTrue();
        assertThat(range.overlaps(PortRange.of(9001, 9100))).isFalse();
        assertThat(range.size()).isEqualTo(1001);
        assertThat(PortRange.ALL.size()).isEqualTo(65535);
        assertThat(PortRange.of(1).isSinglePort()).isTrue();
    }

    @Test
    void protocolsHaveWireNamesAndNumbers() {
        assertThat(Protocol.parse("TCP")).isEqualTo(Protocol.TCP);
        assertThat(Protocol.parse("ipv6-icmp")).isEqualTo(Protocol.ICMPV6);
        assertThat(Protocol.UDP.wireName()).isEqualTo("udp");
        assertThat(Protocol.UDP.number()).isEqualTo(17);
        assertThat(Protocol.ICMP.hasPorts()).isFalse();
        assertThat(Protocol.tryParse("sctp")).isEmpty();
        assertThatThrownBy(() -> Protocol.parse("tcpx"))
                .hasMessage("<string>:1:1: unknown protocol (expected tcp, udp, icmp or icmpv6) in 'tcpx'");
    }

    @Test
    void exposuresHaveTheSeedsWords() {
        assertThat(Exposure.parse("Internal")).isEqualTo(Exposure.INTERNAL);
        assertThat(Exposure.PRIVATE.wireName()).isEqualTo("private");
        assertThatThrownBy(() -> Exposure.parse("secret"))
                .hasMessage("<string>:1:1: unknown exposure (expected public, private or internal) in 'secret'");
        assertThat(Exposure.tryParse("PUBLIC")).contains(Exposure.PUBLIC);
        assertThat(Exposure.tryParse("secret")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, ANY", "::, ANY", "*, ANY", "::ffff:0.0.0.0, ANY",
        "127.0.0.1, LOOPBACK", "127.53.0.1, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
        "10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
        "100.64.0.1, PRIVATE", "100.127.255.255, PRIVATE", "169.254.1.1, PRIVATE",
        "fd12:3456::1, PRIVATE", "fc00::1, PRIVATE", "fe80::1, PRIVATE", "::ffff:10.0.0.1, PRIVATE",
        "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "8.8.8.8, PUBLIC", "2001:db8::1, PUBLIC",
        "::ffff:8.8.8.8, PUBLIC", "fec0::1, PUBLIC", "::2, PUBLIC",
    })
    void classifiesAddresses(String address, AddressScope scope) {
        assertThat(AddressScope.of(address)).isEqualTo(scope);
    }
}
