package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ip -o address} as iproute2 prints it; anything else is a positioned ParseException. */
class InterfaceAddressesTest {

    @Test
    void readsEachAddressWithItsInterfaceAndNetwork() throws Exception {
        InterfaceAddresses a = InterfaceAddresses.parse(""
                + "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                + "4: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever\n"
                + "4: eth0    inet6 fe80::fc:ff:fe00:1/64 scope link \\       valid_lft forever preferred_lft forever\n"
                + "\n"
                + "7: veth1@if6    inet6 fd00::2/64 scope global nodad \\       valid_lft forever\n", "ip.txt");

        assertThat(a.entries()).hasSize(4);
        assertThat(a.find(InetAddress.getByName("192.0.2.2"))).get()
                .isEqualTo(new InterfaceAddresses.Entry("eth0", InetAddress.getByName("192.0.2.2"),
                        IpNetwork.parse("192.0.2.0/24")));
        assertThat(a.find(InetAddress.getByName("fd00::2")).get().iface()).isEqualTo("veth1");
        assertThat(a.of("eth0")).containsExactly("192.0.2.2");
        assertThat(a.find(InetAddress.getByName("192.0.2.3"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2: eth0|ip.txt:1:8: expected 'INDEX: INTERFACE inet ADDRESS/PREFIX' (or inet6) as `ip -o address` prints it in '2: eth0'",
        "x: eth0 inet 10.0.0.1/8|ip.txt:1:1: expected the interface index, e.g. '2:' in 'x:'",
        "2: eth0 link/ether 02:00:00:00:00:01|ip.txt:1:9: expected 'inet' or 'inet6' in 'link/ether'",
        "2: eth0 inet 10.0.0.1|ip.txt:1:14: expected ADDRESS/PREFIX in '10.0.0.1'",
        "2: eth0 inet 10.0.0.1/33|ip.txt:1:14: the prefix length is not a number from 0 to 32 in '10.0.0.1/33'",
        "2: eth0 inet fd00::1/64|ip.txt:1:14: the address is not of the family 'inet' in 'fd00::1/64'",
    })
    void refusesWhatIpDoesNotPrint(String line, String message) {
        assertThatThrownBy(() -> InterfaceAddresses.parse(line + "\n", "ip.txt"))
                .isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Property(tries = 300)
    void hostileInputOnlyEverGivesAddressesOrAPositionedParseException(@ForAll("hostile") String text) {
        try {
            InterfaceAddresses.parse(text, "h.txt");
        } catch (ParseException e) {
            assertThat(e.position().source()).isEqualTo("h.txt");
            assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(1000);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> words = Arbitraries.of("1:", "2:", "lo", "eth0", "inet", "inet6", "10.0.0.1/8", "::1/128",
                "1.2.3.4/99", "fe80::1%eth0/64", "::/0", "/", "@", "\t", " ", "\n", "\r\n", "\u0000", "x".repeat(5000));
        return Arbitraries.oneOf(words.list().ofMaxSize(40).map(l -> String.join(" ", l)),
                Arbitraries.strings().all().ofMaxLength(200), Arbitraries.strings().ofMaxLength(20000));
    }
}
