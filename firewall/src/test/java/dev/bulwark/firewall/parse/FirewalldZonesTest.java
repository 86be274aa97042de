package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class FirewalldZonesTest {

    private static FirewalldZone publicZone() {
        return FirewalldZones.parse("public", Resources.text("firewalld-zone-public.xml"));
    }

    @Test
    void readsAZoneFile() {
        FirewalldZone z = publicZone();
        assertThat(z.target()).isEqualTo("default");
        assertThat(z.interfaces()).containsExactly("eth0");
        assertThat(z.services()).containsExactly("ssh", "dhcpv6-client");
        assertThat(z.ports()).containsExactly("8080/tcp", "60000-61000/udp");
        assertThat(z.masquerade()).isTrue();
        assertThat(z.richRules()).hasSize(5);
        FirewalldRichRule postgres = z.richRules().get(0);
        assertThat(postgres.family()).contains("ipv4");
        assertThat(postgres.source()).contains(IpNetwork.parse("10.0.0.0/8"));
        assertThat(postgres.port()).contains("5432");
        assertThat(postgres.protocol()).contains("tcp");
        assertThat(postgres.action()).contains("accept");
        assertThat(z.notUnderstood()).containsExactly(
                "<rule family=\"ipv4\">...</rule> (rich rule source without address is not modelled)",
                "<icmp-block name=\"echo-request\"/>");
    }

    @Test
    void richRulesRunInFirewalldsBucketsDenyBeforeAllow() {
        List<FirewalldRichRule> order = publicZone().evaluationOrder();
        assertThat(order).extracting(FirewalldRichRule::bucket).containsExactly(FirewalldRichRule.Bucket.BEFORE,
                FirewalldRichRule.Bucket.LOG, FirewalldRichRule.Bucket.DENY, FirewalldRichRule.Bucket.ALLOW,
                FirewalldRichRule.Bucket.AFTER);
        // the reject of 203.0.113.0/24 is written after the accept of 10.0.0.0/8 but runs before it
        assertThat(order.get(2).source()).contains(IpNetwork.parse("203.0.113.0/24"));
        assertThat(order.get(0).source()).contains(IpNetwork.parse("198.51.100.7/32"));
    }

    @Test
    void aSourceZoneWinsOverTheInterfaceZone() {
        FirewalldZone office = FirewalldZones.parse("office", Resources.text("firewalld-zone-trusted-office.xml"));
        List<FirewalldZone> zones = List.of(publicZone(), office);
        assertThat(FirewalldZones.zoneFor(zones, IpAddresses.parse("10.20.1.1"), "eth0", "public"))
                .map(FirewalldZone::name).contains("office");
        assertThat(FirewalldZones.zoneFor(zones, IpAddresses.parse("192.0.2.1"), "eth0", "public"))
                .map(FirewalldZone::name).contains("public");
        assertThat(FirewalldZones.zoneFor(zones, IpAddresses.parse("192.0.2.1"), "wg0", "public"))
                .map(FirewalldZone::name).contains("public");
        assertThat(FirewalldZones.zoneFor(zones, IpAddresses.parse("192.0.2.1"), "wg0", "home")).isEmpty();
        assertThat(office.target()).isEqualTo("ACCEPT");
    }

    @Test
    void refusesEntitiesAndReportsPositions() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE zone [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><zone>&x;</zone>";
        assertThatThrownBy(() -> FirewalldZones.parse("evil", xxe)).isInstanceOf(ParseException.class)
                .hasMessageStartingWith("evil.xml:1:").hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> FirewalldZones.parse("z", "<zone>\n<port port=\"22\"/>\n</zone>"))
                .hasMessageStartingWith("z.xml:1:1: element <port> number 1: <port> has no protocol=\"...\"");
        assertThatThrownBy(() -> FirewalldZones.parse("z", "<zone>\n<service name=\"ssh\">\n</zone>"))
                .hasMessageStartingWith("z.xml:3:3: not well-formed XML");
        assertThatThrownBy(() -> FirewalldZones.parse("z", "<policy/>")).hasMessageStartingWith("z.xml:1:1: root element is <policy>");
        assertThat(FirewalldZones.tryParse("z", "<zone><rule priority=\"x\"><accept/></rule></zone>")).isEqualTo(Optional.empty());
    }

    @Property(tries = 300)
    void arbitraryTextOnlyYieldsAZoneOrAParseException(@ForAll @StringLength(max = 200) String text) {
        for (String t : List.of(text, "<zone>" + text + "</zone>")) {
            try {
                assertThat(FirewalldZones.parse("p", t)).isNotNull();
            } catch (ParseException e) {
                assertThat(e.position().source()).isEqualTo("p.xml");
            }
        }
    }
}
