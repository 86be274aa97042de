package dev.bulwark.firewall.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpAddresses;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.firewall.parse.IptablesSave;
import dev.bulwark.firewall.parse.Resources;
import dev.bulwark.firewall.parse.Ruleset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExposureAnalysisTest {

    static final String SS = """
            Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
            udp   UNCONN 0      0            0.0.0.0:68         0.0.0.0:*
            udp   UNCONN 0      0            0.0.0.0:5353       0.0.0.0:*
            tcp   LISTEN 0      128          0.0.0.0:22         0.0.0.0:*
            tcp   LISTEN 0      244          0.0.0.0:5432       0.0.0.0:*
            tcp   LISTEN 0      4096       127.0.0.1:631        0.0.0.0:*
            tcp   LISTEN 0      511          0.0.0.0:8080       0.0.0.0:*
            tcp   LISTEN 0      128             [::]:22            [::]:*
            tcp   LISTEN 0      244             [::]:5432          [::]:*
            tcp   LISTEN 0      4096           [::1]:631           [::]:*
            """;

    static Ruleset ufw() {
        return IptablesSave.parse(Resources.text("iptables-save-ufw.txt"))
                .merge(IptablesSave.parse(Resources.text("ip6tables-save-ufw.txt")));
    }

    static Map<String, String> summary(List<SocketExposure> exposures) {
        Map<String, String> out = new LinkedHashMap<>();
        for (SocketExposure e : exposures) {
            out.put(e.socket().netidName() + " " + e.socket().local(), e.level().wireName()
                    + (e.sources().isEmpty() ? "" : " " + e.sources().stream().map(IpNetwork::toString)
                    .collect(Collectors.joining(","))));
        }
        return out;
    }

    private static Map<String, String> analyze(String iptablesSave, String ss) {
        return summary(ExposureAnalysis.analyze(IptablesSave.parse(iptablesSave), SocketTable.parse(ss)));
    }

    @Test
    void classifiesEverySocketBehindTheRulesetRealUfwWrote() {
        List<SocketExposure> exposures = ExposureAnalysis.analyze(ufw(), SocketTable.parse(SS));
        assertThat(summary(exposures)).containsExactly(
                Map.entry("udp 0.0.0.0:68", "public 0.0.0.0/0"), // ufw's hidden DHCP allow (source port 67)
                Map.entry("udp 0.0.0.0:5353", "internal"), // ufw allows mDNS only to 224.0.0.251
                Map.entry("tcp 0.0.0.0:22", "public 0.0.0.0/0"),
                Map.entry("tcp 0.0.0.0:5432", "private 10.0.0.0/8"),
                Map.entry("tcp 127.0.0.1:631", "internal"),
                Map.entry("tcp 0.0.0.0:8080", "internal"),
                Map.entry("tcp [::]:22", "public ::/0"),
                Map.entry("tcp [::]:5432", "internal"),
                Map.entry("tcp [::1]:631", "internal"));
        assertThat(exposures.get(3).level()).isEqualTo(Exposure.PRIVATE);
        assertThat(exposures.get(3).sources()).containsExactly(IpNetwork.parse("10.0.0.0/8"));
        assertThat(exposures.get(3).socket().local().port()).isEqualTo(5432);
    }

    @Test
    void aDualStackSocketIsJudgedByTheFamilyTheRulesCover() {
        String ss = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 128 [::]:5432 [::]:*\n"
                + "tcp LISTEN 0 128 *:22 *:*\n";
        List<SocketExposure> e = ExposureAnalysis.analyze(
                IptablesSave.parse(Resources.text("iptables-save-ufw.txt")), SocketTable.parse(ss));
        assertThat(summary(e)).containsExactly(Map.entry("tcp [::]:5432", "private 10.0.0.0/8"),
                Map.entry("tcp *:22", "public 0.0.0.0/0"));
        assertThat(e.get(0).notes()).containsExactly("rules cover only IPv4; the other family was not analysed");
    }

    @Test
    void readsServiceNamesAndAssumesNamesItCannotJudgeReachable() {
        String ss = "State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "LISTEN 0 128 0.0.0.0:postgresql 0.0.0.0:*\n"
                + "LISTEN 0 128 web1.example.com:5432 0.0.0.0:*\n"
                + "LISTEN 0 128 0.0.0.0:rpc.mountd 0.0.0.0:*\n";
        List<SocketExposure> e = ExposureAnalysis.analyze(
                IptablesSave.parse(Resources.text("iptables-save-ufw.txt")), SocketTable.parse(ss));
        assertThat(summary(e)).containsExactly(Map.entry("tcp 0.0.0.0:postgresql", "private 10.0.0.0/8"),
                Map.entry("tcp web1.example.com:5432", "public 0.0.0.0/0,::/0"),
                Map.entry("tcp 0.0.0.0:rpc.mountd", "public 0.0.0.0/0,::/0"));
        assertThat(e.get(1).notes()).containsExactly("assumed reachable because ss printed the host name"
                + " web1.example.com (ss -r) in place of the address it is bound to");
        assertThat(e.get(2).notes()).containsExactly("assumed reachable because ss printed the port as the service"
                + " name rpc.mountd, which no services database mapped back to a number");
    }

    @Test
    void aFamilyWithoutRulesIsUnfiltered() {
        String ss = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 128 0.0.0.0:5432 0.0.0.0:*\n"
                + "tcp LISTEN 0 128 [::]:5432 [::]:*\n";
        List<SocketExposure> e = ExposureAnalysis.analyze(
                IptablesSave.parse(Resources.text("iptables-save-ufw.txt")), SocketTable.parse(ss));
        assertThat(summary(e)).containsExactly(Map.entry("tcp 0.0.0.0:5432", "private 10.0.0.0/8"),
                Map.entry("tcp [::]:5432", "public ::/0"));
        assertThat(e.get(1).notes()).containsExactly("no IPv6 rules given: that family is taken as unfiltered");
    }

    static final String ONE = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
            + "tcp LISTEN 0 128 0.0.0.0:%d 0.0.0.0:*\n";

    private static String rules(String... lines) {
        return "*filter\n:INPUT %s [0:0]\n:A - [0:0]\n:B - [0:0]\n" + String.join("\n", lines) + "\nCOMMIT\n";
    }

    private static String level(String policy, int port, String... lines) {
        return analyze(String.format(rules(lines), policy), String.format(ONE, port)).values().iterator().next();
    }

    @Test
    void followsFirstMatchJumpsReturnsAndGotos() {
        assertThat(level("DROP", 22, "-A INPUT -s 10.0.0.0/8 -j ACCEPT", "-A INPUT -j ACCEPT"))
                .isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 22, "-A INPUT -s 10.1.0.0/16 -j DROP", "-A INPUT -s 10.0.0.0/8 -j ACCEPT"))
                .isEqualTo("private 10.0.0.0/16,10.2.0.0/15,10.4.0.0/14,10.8.0.0/13,10.16.0.0/12,10.32.0.0/11,10.64.0.0/10,10.128.0.0/9");
        // RETURN goes back to the caller, which then accepts
        assertThat(level("DROP", 22, "-A INPUT -j A", "-A INPUT -s 192.168.0.0/16 -j ACCEPT",
                "-A A -s 192.168.1.0/24 -j DROP", "-A A -j RETURN", "-A A -j ACCEPT"))
                .isEqualTo("private 192.168.0.0/24,192.168.2.0/23,192.168.4.0/22,192.168.8.0/21,192.168.16.0/20,"
                        + "192.168.32.0/19,192.168.64.0/18,192.168.128.0/17");
        // a goto never comes back: what B returns goes to INPUT's caller, i.e. the policy
        assertThat(level("DROP", 22, "-A INPUT -p tcp --dport 22 -g B", "-A INPUT -j ACCEPT", "-A B -s 10.0.0.0/8 -j ACCEPT"))
                .isEqualTo("private 10.0.0.0/8");
        assertThat(level("ACCEPT", 22, "-A INPUT -p tcp --dport 22 -g B", "-A INPUT -j DROP", "-A B -s 10.0.0.0/8 -j DROP"))
                .isEqualTo("public 0.0.0.0/0,11.0.0.0/8,12.0.0.0/6,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/1"
                        .replace("0.0.0.0/0,", "0.0.0.0/5,8.0.0.0/7,"));
        // a jump comes back: B's fall-through continues in INPUT
        assertThat(level("DROP", 22, "-A INPUT -j B", "-A INPUT -s 172.16.0.0/12 -j ACCEPT", "-A B -s 10.0.0.0/8 -j ACCEPT"))
                .isEqualTo("private 10.0.0.0/8,172.16.0.0/12");
    }

    @Test
    void negationPortsProtocolsAndConntrackAreHonoured() {
        assertThat(level("ACCEPT", 5432, "-A INPUT ! -s 10.0.0.0/8 -p tcp --dport 5432 -j DROP")).isEqualTo("private 10.0.0.0/8");
        assertThat(level("DROP", 5432, "-A INPUT -p udp --dport 5432 -j ACCEPT")).isEqualTo("internal");
        assertThat(level("DROP", 5432, "-A INPUT -p tcp -m multiport --dports 22,5000:6000 -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 5432, "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")).isEqualTo("internal");
        assertThat(level("DROP", 5432, "-A INPUT -m conntrack ! --ctstate INVALID -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 5432, "-A INPUT -p tcp ! --syn -j ACCEPT")).isEqualTo("internal");
        assertThat(level("DROP", 5432, "-A INPUT -i lo -j ACCEPT")).isEqualTo("internal");
        assertThat(level("DROP", 5432, "-A INPUT ! -i lo -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        // wg0 is a VPN interface by convention: only its peers send on it, so the service is private
        assertThat(level("DROP", 5432, "-A INPUT -i wg0 -j ACCEPT")).isEqualTo("private 0.0.0.0/0");
        assertThat(level("DROP", 5432, "-A INPUT -i ens3 -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 5432, "-A INPUT -i eth+ -s 10.0.0.0/8 -j ACCEPT", "-A INPUT -i eth0 -j DROP"))
                .isEqualTo("private 10.0.0.0/8");
        assertThat(level("DROP", 5432, "-A INPUT -m iprange --src-range 10.0.0.4-10.0.0.7 -j ACCEPT")).isEqualTo("private 10.0.0.4/30");
        assertThat(level("DROP", 5432, "-A INPUT -p tcp -m tcp --dport 5432 -j REJECT --reject-with tcp-reset",
                "-A INPUT -j ACCEPT")).isEqualTo("internal");
    }

    @Test
    void conditionsThatCannotBeKnownCountAsReachable() {
        assertThat(level("DROP", 22, "-A INPUT -p tcp --dport 22 -m recent --update --seconds 60 --hitcount 4 -j DROP",
                "-A INPUT -p tcp --dport 22 -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 22, "-A INPUT -m set --match-set admins src -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 22, "-A INPUT -p tcp --dport 22 -m limit --limit 3/min -j ACCEPT")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 22, "-A INPUT -j NFQUEUE --queue-num 1")).isEqualTo("public 0.0.0.0/0");
        assertThat(level("DROP", 22, "-A INPUT -j LOG --log-prefix x", "-A INPUT -j CT --notrack")).isEqualTo("internal");
    }

    @Test
    void aSocketBoundToOneAddressIsJudgedByThatDestination() {
        String ss = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 128 10.0.0.5:22 0.0.0.0:*\n"
                + "tcp LISTEN 0 128 192.0.2.5:22 0.0.0.0:*\n"
                + "tcp LISTEN 0 128 127.0.0.53%lo:53 0.0.0.0:*\n";
        String r = String.format(rules("-A INPUT -d 10.0.0.5/32 -s 10.0.0.0/8 -j ACCEPT", "-A INPUT -d 192.0.2.5/32 -j ACCEPT"), "DROP");
        assertThat(analyze(r, ss)).containsExactly(Map.entry("tcp 10.0.0.5:22", "private 10.0.0.0/8"),
                Map.entry("tcp 192.0.2.5:22", "public 0.0.0.0/0"), Map.entry("tcp 127.0.0.53%lo:53", "internal"));
    }

    @Test
    void dnatInNatPreroutingForwardsThePortWhoeverListensOnIt() {
        String r = "*nat\n:PREROUTING ACCEPT\n-A PREROUTING -s 10.0.0.0/8 -p tcp --dport 80 -j DNAT --to-destination 10.9.9.9:80\nCOMMIT\n"
                + "*filter\n:INPUT ACCEPT\n:FORWARD DROP\n-A FORWARD -d 10.9.9.9/32 -s 10.1.0.0/16 -j ACCEPT\nCOMMIT\n";
        HostInterfaces host = HostInterfaces.of(List.of(new HostInterface("eth0", InterfaceClass.PUBLIC,
                List.of(IpAddresses.parse("192.0.2.1")), List.of(IpNetwork.parse("192.0.2.0/24")))));
        ExposureResult e = ExposureAnalysis.analyze(IptablesSave.parse(r), SocketTable.parse(String.format(ONE, 80)), host);
        // the socket gets everyone but 10/8; of 10/8, only 10.1/16 gets through FORWARD to 10.9.9.9
        assertThat(e.sockets().get(0).level()).isEqualTo(Exposure.PUBLIC);
        assertThat(e.sockets().get(0).sources()).doesNotContain(IpNetwork.parse("10.0.0.0/8")).contains(IpNetwork.parse("10.1.0.0/16"));
        assertThat(e.sockets().get(0).notes()).anySatisfy(n -> assertThat(n).startsWith(
                "new tcp/80 connections are forwarded to 10.9.9.9:80 by <string>:3:1"));
        assertThat(e.forwarded()).hasSize(1);
        ForwardedExposure f = e.forwarded().get(0);
        assertThat(f.toString()).isEqualTo("80/tcp forwarded to 10.9.9.9:80 by <string>:3:1, reachable from [10.1.0.0/16]");
        assertThat(f.level()).isEqualTo(Exposure.PRIVATE);
    }

    @Test
    void readsLimitDenyOnInterfaceRejectAndRangesOfARealUfwSession() {
        String ss = "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n"
                + "tcp LISTEN 0 1 0.0.0.0:22 0.0.0.0:*\ntcp LISTEN 0 1 0.0.0.0:2222 0.0.0.0:*\n"
                + "tcp LISTEN 0 1 0.0.0.0:3306 0.0.0.0:*\nudp UNCONN 0 0 0.0.0.0:60500 0.0.0.0:*\n"
                + "tcp LISTEN 0 1 0.0.0.0:8080 0.0.0.0:*\ntcp LISTEN 0 1 0.0.0.0:5432 0.0.0.0:*\n";
        List<SocketExposure> e = ExposureAnalysis.analyze(
                IptablesSave.parse(Resources.text("iptables-save-ufw-many.txt")), SocketTable.parse(ss));
        assertThat(summary(e)).containsEntry("tcp 0.0.0.0:22", "internal") // 'ufw deny 22/tcp' replaced the allow
                .containsEntry("tcp 0.0.0.0:2222", "public 0.0.0.0/0") // limit: the recent check may pass
                .containsEntry("tcp 0.0.0.0:3306", "internal")
                .containsEntry("tcp 0.0.0.0:5432", "private 10.0.0.0/8");
        // the reject of 203.0.113.0/24 comes before the allows of 60000:61000/udp and 8080/tcp
        for (SocketExposure x : List.of(e.get(3), e.get(4))) {
            assertThat(x.level()).isEqualTo(Exposure.PUBLIC);
            assertThat(x.sources()).noneMatch(n -> n.overlaps(IpNetwork.parse("203.0.113.0/24")))
                    .anyMatch(n -> n.contains(IpNetwork.parse("203.0.112.0/24")));
        }
    }

    @Test
    void usesTheV6onlyFlagsAndDeviceScopesOfARealSsCapture() {
        SocketTable ss = SocketTable.parse(Resources.text("ss-lntpe-debian12.txt"));
        assertThat(summary(ExposureAnalysis.analyze(ufw(), ss)).values()).containsOnly("internal");
        Ruleset open = IptablesSave.parse("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
        List<SocketExposure> e = ExposureAnalysis.analyze(open, ss);
        assertThat(summary(e)).containsEntry("tcp 0.0.0.0:36833", "public 0.0.0.0/0")
                .containsEntry("tcp 127.0.0.1%lo:41691", "internal")
                .containsEntry("tcp [::1]:43433", "internal")
                .containsEntry("tcp *:43947", "public 0.0.0.0/0") // v6only:0, judged by the IPv4 rules
                .containsEntry("tcp [::]:41611", "public ::/0") // v6only:1 and no IPv6 rules
                .containsEntry("tcp [fe80::fc:ff:fe00:1]%eth0:40783", "public ::/0");
    }
}
