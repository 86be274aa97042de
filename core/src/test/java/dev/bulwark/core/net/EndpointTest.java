package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.Position;
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
        // through parse, a word in the port's place is a service name (ss without -n), kept unresolved
        assertThat(Endpoint.parse("*:eth0").serviceName()).hasValue("eth0");
        assertThat(Endpoint.parse("*:eth0").portNumber()).isEmpty();
        assertThatThrownBy(() -> Endpoint.parse("*:eth/0")).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:3: port 'eth/0' is neither a number in 0..65535 nor a service name"
                        + " in '*:eth/0'");
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
    void rejectsMalformedEndpointsWithAPositionedParseException() {
        assertThatThrownBy(() -> Endpoint.parse("10.0.0.1")).isInstanceOf(ParseException.class)
                .hasMessage("<string>:1:9: endpoint '10.0.0.1' has no ':port'");
        assertThatThrownBy(() -> Endpoint.parse("[::1")).hasMessage("<string>:1:5: endpoint '[::1' has no closing ']'");
        assertThatThrownBy(() -> Endpoint.parse("[::1]x:1"))
                .hasMessage("<string>:1:6: endpoint '[::1]x:1' has no ':port' after ']'");
        assertThatThrownBy(() -> Endpoint.parse("1.2.3.4:70000"))
                .hasMessage("<string>:1:9: port '70000' is not a number in 0..65535 in '1.2.3.4:70000'");
        assertThatThrownBy(() -> Endpoint.parse("1.2.3.4:")).hasMessage("<string>:1:9: endpoint port is empty in '1.2.3.4:'");
        assertThatThrownBy(() -> Endpoint.parse("1.2\u0001.3.4:80"))
                .hasMessage("<string>:1:4: endpoint address '1.2\\u0001.3.4' holds a space or control character"
                        + " in '1.2\\u0001.3.4:80'");
        assertThatThrownBy(() -> Endpoint.of("::1", 65536)).hasMessage("port 65536 is outside 0..65535");
        assertThat(Endpoint.tryParse("10.0.0.1")).isEmpty();
        assertThat(Endpoint.tryParse("10.0.0.1:22")).hasValue(Endpoint.of("10.0.0.1", 22));
    }

    @Test
    void positionsErrorsInsideTheEnclosingText() {
        ParseException e = catchThrowableOfType(() -> Endpoint.parse("10.0.0.1:x/y", new Position("ss.txt", 7, 20)),
                ParseException.class);
        assertThat(e.position()).isEqualTo(new Position("ss.txt", 7, 29));
        assertThat(e.reason()).isEqualTo("port 'x/y' is neither a number in 0..65535 nor a service name");
    }

    @Test
    void quotesOnlyABoundedExcerptOfAHugeEndpoint() {
        String huge = "1.2.3.4:" + "9".repeat(100_000);
        ParseException e = catchThrowableOfType(() -> Endpoint.parse(huge), ParseException.class);
        assertThat(e.getMessage().length()).isLessThan(300);
    }

    @Test
    void keepsServiceNamesAndResolvesThemAsSsPrintedThem() {
        Endpoint ssh = Endpoint.parse("0.0.0.0:ssh");
        assertThat(ssh.isIp()).isTrue();
        assertThat(ssh.serviceName()).hasValue("ssh");
        assertThat(ssh.portNumber()).isEmpty();
        assertThat(ssh.port()).isZero();
        Endpoint resolved = ssh.withServiceNames(ServiceNames.builtIn(), "tcp");
        assertThat(resolved.port()).isEqualTo(22);
        assertThat(resolved.portNumber()).hasValue(22);
        assertThat(resolved).hasToString("0.0.0.0:ssh");
        assertThat(Endpoint.parse("*:http-alt").withServiceNames(ServiceNames.builtIn(), "tcp").port()).isEqualTo(8080);
        assertThat(Endpoint.parse("[::]:ipv6-icmp").withServiceNames(ServiceNames.builtIn(), "raw").port())
                .isEqualTo(58);
        assertThat(Endpoint.parse("0.0.0.0:mdns").withServiceNames(ServiceNames.builtIn(), "udp").port())
                .isEqualTo(5353);
        Endpoint unknown = Endpoint.parse("0.0.0.0:rpc.mountd").withServiceNames(ServiceNames.builtIn(), "tcp");
        assertThat(unknown.portNumber()).isEmpty();
        assertThat(unknown.serviceName()).hasValue("rpc.mountd");
        assertThat(Endpoint.parse("0.0.0.0:22").serviceName()).isEmpty();
        assertThat(Endpoint.parse("0.0.0.0:*").portNumber()).isEmpty();
    }

    @Test
    void keepsHostNamesAsNames() {
        Endpoint web = Endpoint.parse("web1.example.com:8443");
        assertThat(web.kind()).isEqualTo(Endpoint.Kind.HOST_NAME);
        assertThat(web.hostName()).hasValue("web1.example.com");
        assertThat(web.isIp()).isFalse();
        assertThat(web.port()).isEqualTo(8443);
        assertThat(web.addressScope()).isEmpty();
        assertThat(web.inetAddress()).isEmpty();
        Endpoint ipp = Endpoint.parse("localhost:ipp");
        assertThat(ipp.kind()).isEqualTo(Endpoint.Kind.HOST_NAME);
        assertThat(ipp.withServiceNames(ServiceNames.builtIn(), "tcp").port()).isEqualTo(631);
        assertThat(ipp).hasToString("localhost:ipp");
        assertThat(Endpoint.parse("0.0.0.0:22").kind()).isEqualTo(Endpoint.Kind.IP);
        assertThat(Endpoint.parseNonIp("rtnl:kernel").kind()).isEqualTo(Endpoint.Kind.OTHER);
        assertThat(Endpoint.unix("/run/x.sock", "1").kind()).isEqualTo(Endpoint.Kind.UNIX);
    }
}
