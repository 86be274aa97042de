package dev.bulwark.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.ParseException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class NetPropertiesTest {

    /** Small IPv4 networks (/20 to /32) inside 10.0.0.0/16, so that they often meet. */
    @Provide
    Arbitrary<IpNetwork> smallNetworks() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(20, 32))
                .as((low, prefix) -> IpNetwork.containing(v4(0x0a000000 | low), prefix));
    }

    @Provide
    Arbitrary<Integer> addressesNearby() {
        return Arbitraries.integers().between(0x09ffff00, 0x0a010100);
    }

    private static InetAddress v4(int bits) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16),
                (byte) (bits >>> 8), (byte) bits});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int bits(InetAddress address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** The brute-force oracle: every address of the network, walked one by one from the first. */
    private static Set<Integer> enumerate(IpNetwork network) {
        Set<Integer> all = new HashSet<>();
        int first = bits(network.firstAddress());
        int count = network.size().intValueExact();
        for (int i = 0; i < count; i++) {
            all.add(first + i);
        }
        assertThat(bits(network.lastAddress())).isEqualTo(first + count - 1);
        return all;
    }

    @Property
    void containsAgreesWithEnumeration(@ForAll("smallNetworks") IpNetwork network,
            @ForAll("addressesNearby") int address) {
        assertThat(network.contains(v4(address))).isEqualTo(enumerate(network).contains(address));
    }

    @Property
    void containsNetworkAndOverlapsAgreeWithEnumeration(@ForAll("smallNetworks") IpNetwork a,
            @ForAll("smallNetworks") IpNetwork b) {
        Set<Integer> left = enumerate(a);
        Set<Integer> right = enumerate(b);
        Set<Integer> shared = new HashSet<>(left);
        shared.retainAll(right);
        assertThat(a.overlaps(b)).isEqualTo(!shared.isEmpty());
        assertThat(a.contains(b)).isEqualTo(left.containsAll(right));
    }

    @Property
    void ipv4AddressesRoundTripAndMatchTheJdk(@ForAll int address) throws Exception {
        InetAddress original = v4(address);
        String text = IpAddresses.format(original);
        assertThat(IpAddresses.parse(text)).isEqualTo(original);
        assertThat(text).isEqualTo(original.getHostAddress());
    }

    @Property
    void ipv6AddressesRoundTripAndMatchTheJdk(@ForAll @Size(16) byte[] bytes,
            @ForAll @IntRange(min = 0, max = 16) int zeros) throws Exception {
        for (int i = 0; i < zeros; i++) {
            bytes[(i * 7) % 16] = 0; // make runs of zero groups common
        }
        InetAddress original = java.net.Inet6Address.getByAddress(null, bytes, -1);
        String text = IpAddresses.format(original);
        assertThat(IpAddresses.parse(text).getAddress()).isEqualTo(bytes);
        // The JDK parses literals without DNS; its bytes must agree with ours (it maps ::ffff:a.b.c.d to IPv4).
        InetAddress jdk = InetAddress.getByName(text);
        byte[] expected = jdk instanceof Inet4Address ? IpAddresses.ipv4Of(IpAddresses.parse(text)).get().getAddress()
                : bytes;
        assertThat(jdk.getAddress()).isEqualTo(expected);
        assertThat(text).doesNotContain(":::").isEqualTo(text.toLowerCase(java.util.Locale.ROOT));
    }

    @Property
    void networksRoundTripThroughText(@ForAll @Size(16) byte[] bytes, @ForAll boolean v4,
            @ForAll @IntRange(min = 0, max = 128) int prefix) throws Exception {
        InetAddress address = v4 ? InetAddress.getByAddress(java.util.Arrays.copyOf(bytes, 4))
                : java.net.Inet6Address.getByAddress(null, bytes, -1);
        IpNetwork network = IpNetwork.containing(address, v4 ? prefix % 33 : prefix);
        assertThat(IpNetwork.parse(network.toString())).isEqualTo(network);
        assertThat(network.contains(address)).isTrue();
    }

    @Property
    void portRangesRoundTripThroughText(@ForAll @IntRange(min = 1, max = 65535) int a,
            @ForAll @IntRange(min = 1, max = 65535) int b) {
        PortRange range = PortRange.of(Math.min(a, b), Math.max(a, b));
        assertThat(PortRange.parse(range.toString())).isEqualTo(range);
        assertThat(PortRange.parse(range.render(':'))).isEqualTo(range);
    }

    @Provide
    Arbitrary<String> addressLikeText() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%/-[] x\u0000\n\u0663")
                .ofMaxLength(60);
    }

    @Property(tries = 3000)
    void addressLikeTextParsesOrThrowsParseException(@ForAll("addressLikeText") String text) {
        checkAllParsers(text);
    }

    @Property
    void arbitraryTextParsesOrThrowsParseException(@ForAll @StringLength(max = 5000) String text) {
        checkAllParsers(text);
    }

    private static void checkAllParsers(String text) {
        try {
            InetAddress address = IpAddresses.parse(text);
            assertThat(IpAddresses.tryParse(text)).contains(address);
        } catch (ParseException e) {
            assertThat(IpAddresses.tryParse(text)).isEmpty();
        }
        try {
            IpNetwork network = IpNetwork.parse(text);
            assertThat(IpNetwork.tryParse(text)).contains(network);
        } catch (ParseException e) {
            assertThat(IpNetwork.tryParse(text)).isEmpty();
            assertThat(e.getMessage()).doesNotContain("\n");
        }
        try {
            IpNetwork.parseLenient(text);
        } catch (ParseException expected) {
            // a value or a ParseException, nothing else
        }
        try {
            PortRange.parse(text);
        } catch (ParseException e) {
            assertThat(PortRange.tryParse(text)).isEmpty();
        }
        try {
            AddressScope.of(text);
        } catch (ParseException expected) {
            // a value or a ParseException, nothing else
        }
    }
}
