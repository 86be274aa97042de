package dev.bulwark.vpn.wireguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Random sequences of adding and removing peers never renumber, duplicate or hand out reserved addresses. */
class AddressAllocationPropertiesTest {

    private static final IpNetwork V4 = IpNetwork.parse("10.50.0.0/28");
    private static final IpNetwork V6 = IpNetwork.parse("fd50::/120");

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(-20, 20).list().ofMaxSize(40);
    }

    /** A positive number adds client n, a negative one removes client -n (when present). */
    @Property(tries = 300)
    void addingAndRemovingNeverRenumbersOrDuplicates(@ForAll("operations") List<Integer> ops) {
        WireGuardPlan plan = WireGuardPlan.hubAndSpoke("gw", WireGuardEndpoint.parse("192.0.2.1:51820"))
                .network(V4).network(V6).presharedKeys(false).build();
        for (int op : ops) {
            String name = "c" + Math.abs(op);
            WireGuardPlan next;
            try {
                if (op > 0 && !plan.nodes().contains(name)) {
                    next = plan.toBuilder().client(name).build();
                } else if (op < 0 && plan.nodes().contains(name)) {
                    next = plan.toBuilder().remove(name).build();
                } else {
                    continue;
                }
            } catch (ValidationException e) {
                assertThat(e.getMessage()).startsWith("tunnel network 10.50.0.0/28 is exhausted");
                assertThat(plan.nodes()).hasSize(14); // gateway + 13 clients fill the 14 host addresses
                continue;
            }
            for (String kept : plan.nodes()) {
                if (next.nodes().contains(kept)) {
                    assertThat(next.addresses(kept)).as(kept).isEqualTo(plan.addresses(kept));
                }
            }
            Set<InetAddress> seen = new HashSet<>();
            for (String node : next.nodes()) {
                List<InetAddress> addresses = next.addresses(node);
                assertThat(addresses).hasSize(2);
                for (InetAddress a : addresses) {
                    assertThat(seen.add(a)).as("duplicate " + a).isTrue();
                    IpNetwork network = a.getAddress().length == 4 ? V4 : V6;
                    assertThat(network.contains(a)).isTrue();
                    assertThat(a).isNotEqualTo(network.firstAddress());
                    if (network.isIpv4()) {
                        assertThat(a).isNotEqualTo(network.lastAddress());
                    }
                }
            }
            assertThat(next.addresses("gw").get(0).getHostAddress()).isEqualTo("10.50.0.1");
            plan = next;
        }
        AddressAllocations saved = AddressAllocations.parse(plan.allocations().render(), "alloc");
        assertThat(saved).isEqualTo(plan.allocations());
    }

    @Test
    void parsingAllocationsReportsThePosition() {
        assertThatThrownBy(() -> AddressAllocations.parse("a 10.0.0.2\nb\n", "alloc.txt")).isInstanceOf(ParseException.class)
                .hasMessage("alloc.txt:2:1: expected 'name address [address]' in 'b'");
        assertThatThrownBy(() -> AddressAllocations.parse("a 10.0.0.2\nb 10.0.0.2\n", "alloc.txt"))
                .hasMessage("alloc.txt:2:1: address 10.0.0.2 is allocated twice in 'b 10.0.0.2'");
        assertThatThrownBy(() -> AddressAllocations.parse("a 10.0.0.2 10.0.0.3\n", "alloc.txt"))
                .hasMessage("alloc.txt:1:1: 'a' has more than one address of a family: 10.0.0.2 10.0.0.3 in 'a 10.0.0.2 10.0.0.3'");
        assertThat(AddressAllocations.parse("# saved\n\nb fd00::2 10.0.0.2\n", "alloc.txt").addresses())
                .isEqualTo(Map.of("b", new ArrayList<>(AddressAllocations.parse("b fd00::2 10.0.0.2", "x").of("b"))));
    }
}
