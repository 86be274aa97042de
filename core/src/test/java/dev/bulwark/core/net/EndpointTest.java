package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0:22", "[::]:*", "*:*", "*", "127.0.0.1%lo:53", "[fe80::1]%eth0:22",
        "[::ffff:127.0.0.1]:8080", ":::22", "rtnl:kernel", "tcpdiag:ss/6444", "[34997]:lo"})
    void printsBackWhatSsPrinted(String text) {
        assertThat(Endpoint.parse(text)).hasToString(text);
        assertThat(Endpoint.parse(text)).isEqualTo(Endpoint.parse(text)).hasSameHashCodeAs(Endpoint.parse(text));
    }

    @Test
    void splitsAddressScopeAndPort() {
        Endpoint e = Endpoint.parse("[fe80::fc:ff:fe00:1]%eth0:40783");
        assertThat(e.address()).isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(e.scope()).hasValue("eth0");
        assertThat(e.port()).isEqualTo(40783);
        assertThat(e.isIp()).isTrue();
        assertThat(e.addressScope()).hasValue(AddressScope.PRIVATE);
        assertThat(Endpoint.parse("127.0.0.1%lo:53").scope()).hasValue("lo");
        assertThat(Endpoint.parse("127.0.0.1:53").scope()).isEmpty();
    }

    @Test
    void knowsWildcards() {
        assertThat(Endpoint.parse("*:*").isWildcardAddress()).isTrue();
        assertThat(Endpoint.parse("*:*").isWildcardPort()).isTrue();
        assertThat(Endpoint.parse("*:*").port()).isZero();
        assertThat(Endpoint.parse("[::]:22").isWildcardAddress()).isTrue();
        assertThat(Endpoint.parse("0.0.0.0:22").isWildcardAddress()).isTrue();
        assertThat(Endpoint.parse("0.0.0.0:22").isWildcardPort()).isFalse();
        assertThat(Endpoint.parse("*:22").addressScope()).hasValue(AddressScope.ANY);
        assertThat(Endpoint.parse("*:22").inetAddress()).isEmpty();
    }

    @Test
    void givesInetAddressesWithoutDns() throws Exception {
        assertThat(Endpoint.parse("[::1]:631").inetAddress()).hasValue(InetAddress.getByName("::1"));
        assertThat(Endpoint.parse("[::ffff:127.0.0.1]:80").addressScope()).hasValue(AddressScope.LOOPBACK);
        assertThat(Endpoint.parse("192.0.2.7:80").addressScope()).hasValue(AddressScope.PUBLIC);
        assertThat(Endpoint.parse("rtnl:kernel").inetAddress()).isEmpty();
        assertThat(Endpoint.parse("rtnl:kernel").isIp()).isFalse();
        assertThat(Endpoint.parse("[34997]:lo").isIp()).isFalse();
    }

    @Test
    void parsesNonIpEndpointsWithAnyPortWord() {
        Endpoint packet = Endpoint.parseNonIp("*:eth0");
        assertThat(packet).hasToString("*:eth0");
        assertThat(packet.isIp()).isFalse();
        assertThat(packet.addressScope()).isEmpty();
        assertThat(packet).isNotEqualTo(Endpoint.parse("*:22"));
        assertThatThrownBy(() -> Endpoint.parse("*:eth0")).hasMessage("port 'eth0' is not a number in 0..65535");
    }

    @Test
    void buildsFromParts() {
        assertThat(Endpoint.of("::1", 22)).hasToString("[::1]:22");
        assertThat(Endpoint.of("0.0.0.0", 0)).hasToString("0.0.0.0:*");
        assertThat(Endpoint.unix("/run/x y.sock", "4711")).hasToString("/run/x y.sock 4711");
        assertThat(Endpoint.unix("/run/x.sock", "4711").isUnix()).isTrue();
        assertThat(Endpoint.unix("/run/x.sock", "4711").port()).isZero();
    }

    @Test
    void rejectsMalformedEndpointsWithTheReason() {
        assertThatThrownBy(() -> Endpoint.parse("10.0.0.1")).hasMessage("endpoint '10.0.0.1' has no ':port'");
        assertThatThrownBy(() -> Endpoint.parse("[::1")).hasMessage("endpoint '[::1' has no closing ']'");
        assertThatThrownBy(() -> Endpoint.parse("[::1]x:1")).hasMessage("endpoint '[::1]x:1' has no ':port' after ']'");
        assertThatThrownBy(() -> Endpoint.parse("1.2.3.4:70000")).hasMessage("port '70000' is not a number in 0..65535");
        assertThatThrownBy(() -> Endpoint.parse("1.2.3.4:")).hasMessage("endpoint port is empty");
        assertThatThrownBy(() -> Endpoint.parse("1.2\u0001.3.4:80"))
                .hasMessage("endpoint address '1.2\u0001.3.4' holds a space or control character");
        assertThatThrownBy(() -> Endpoint.of("::1", 65536)).hasMessage("port 65536 is outside 0..65535");
    }
}
