package dev.bulwark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.net.IpNetwork;
import dev.bulwark.core.net.PortRange;
import dev.bulwark.core.net.Protocol;
import dev.bulwark.core.updates.UpdatePolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every spec that would leave the admin no way in is refused at the word that does it, with why and what to write. */
class LockoutRefusalsTest {

    private static final String HEAD = "host web1\nadmin alice\nca Test CA\nserver web1\n";
    /** {@link #HEAD} with its line breaks escaped, for the CSV rows. */
    private static final String H = "host web1\\nadmin alice\\nca Test CA\\nserver web1\\n";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "host web1\\nadmin root\\nca Test CA\\nserver web1|t.spec:2:7: 'root' cannot be the admin: the kit sets"
                + " PermitRootLogin no, so root could not log in over SSH; name an unprivileged account that uses sudo,"
                + " e.g. 'admin alice'",
        H + "internal ssh tcp/22|t.spec:5:1: 'internal ssh' would close sshd's port 22 to everyone but this machine"
                + " and lock the admin out; write 'private ssh tcp/22 from NETWORK...' or 'public ssh tcp/22'",
        H + "public ssh udp/22|t.spec:5:12: the ssh service must be one TCP port (sshd's), not 'udp/22'; write e.g."
                + " 'tcp/22'",
        H + "public ssh tcp/22-23|t.spec:5:12: the ssh service must be one TCP port (sshd's), not 'tcp/22-23';"
                + " write e.g. 'tcp/22'",
        H + "admin-from 10.8.0.0/24 192.0.2.0/24\\nprivate ssh tcp/22 from 10.8.0.0/24|t.spec:5:24: admin source"
                + " 192.0.2.0/24 is outside the ssh service's networks (10.8.0.0/24): the firewall would close SSH to the"
                + " admin; add it, e.g. 'private ssh tcp/22 from 10.8.0.0/24 192.0.2.0/24'",
        H + "allow-users bob carol|t.spec:5:13: 'allow-users bob carol' leaves out the admin 'alice': sshd would"
                + " refuse the admin's login; write 'allow-users alice bob carol'",
        H + "allow-groups sudo staff|t.spec:5:14: 'allow-groups sudo staff' admits only members of those groups and"
                + " the admin 'alice' is declared in none of them: sshd would refuse the admin's login; add"
                + " 'admin-groups sudo' if alice is a member, or drop 'allow-groups'",
        H + "admin-groups wheel\\nallow-groups sudo|t.spec:6:14: 'allow-groups sudo' admits only members of those"
                + " groups and the admin 'alice' is declared in none of them: sshd would refuse the admin's login; add"
                + " 'admin-groups sudo' if alice is a member, or drop 'allow-groups'",
        H + "private git tcp/22 from 10.0.0.0/8|t.spec:5:13: 'git' (tcp/22) takes sshd's port 22, the admin's way in;"
                + " give git another port, or move sshd with 'private ssh tcp/PORT from NETWORK...'",
        H + "internal admin-ui tcp/20-30|t.spec:5:19: 'admin-ui' (tcp/20-30) takes sshd's port 22, the admin's way"
                + " in; give admin-ui another port, or move sshd with 'private ssh tcp/PORT from NETWORK...'",
        H + "private ssh tcp/2222 from 10.0.0.0/8\\ninternal web tcp/2222|t.spec:6:14: 'web' (tcp/2222) takes sshd's"
                + " port 2222, the admin's way in; give web another port, or move sshd with 'private ssh tcp/PORT from"
                + " NETWORK...'",
        H + "public web tcp/2200-2300\\nprivate ssh tcp/2222 from 10.0.0.0/8|t.spec:5:12: 'web' (tcp/2200-2300)"
                + " takes sshd's port 2222, the admin's way in; give web another port, or move sshd with 'private ssh"
                + " tcp/PORT from NETWORK...'",
    })
    void refusesASpecThatWouldLockTheAdminOut(String text, String message) {
        String input = text.replace("\\n", "\n");
        assertThatThrownBy(() -> BaselineSpecParser.parse(input, "t.spec"))
                .isInstanceOf(ParseException.class).hasMessage(message);
    }

    @Test
    void acceptsTheWaysInThatWork() {
        BaselineSpec spec = BaselineSpecParser.parse(HEAD + "admin-from 10.8.0.0/24\nprivate ssh tcp/2222 from 10.0.0.0/8\n"
                + "allow-users deploy alice\nallow-groups sudo\nadmin-groups users sudo\n", "t.spec");
        assertThat(spec.management()).isEqualTo(new ManagementPath("alice", 2222,
                List.of(IpNetwork.parse("10.8.0.0/24")), true));
        assertThat(spec.allowUsers()).containsExactly("deploy", "alice");
        BaselineSpec open = BaselineSpecParser.parse(HEAD + "admin-from 192.0.2.0/24\npublic ssh tcp/22\n", "t.spec");
        assertThat(open.management().sourcesText()).isEqualTo("192.0.2.0/24");
    }

    @Test
    void withoutAnSshLineTheKitAddsSshFromTheAdminSourcesOrFromAnywhere() {
        BaselineSpec anywhere = BaselineSpecParser.parse(HEAD + "public https tcp/443\n", "t.spec");
        assertThat(anywhere.management()).isEqualTo(new ManagementPath("alice", 22, List.of(), false));
        assertThat(anywhere.effectiveServices()).extracting(s -> s.name() + " " + s.ports() + " " + s.exposureText())
                .containsExactly("ssh 22 public", "https 443 public");
        BaselineSpec narrowed = BaselineSpecParser.parse(HEAD + "admin-from 192.0.2.0/24\n", "t.spec");
        assertThat(narrowed.effectiveServices().get(0).exposureText()).isEqualTo("private (192.0.2.0/24)");
    }

    @Test
    void theRecordRefusesTheSameSpecsWhenBuiltInCode() {
        UpdatePolicy updates = UpdatePolicy.builder().build();
        assertThatThrownBy(() -> new BaselineSpec("web1", "root", "eth0", List.of(), Optional.empty(), Optional.empty(),
                List.of(), "CA", List.of("web1"), updates))
                .isInstanceOf(ValidationException.class)
                .hasMessage("spec: 'root' cannot be the admin: the kit sets PermitRootLogin no, so root could not log"
                        + " in over SSH; name an unprivileged account that uses sudo, e.g. 'admin alice'");
        ExpectedService ssh = new ExpectedService("ssh", Protocol.TCP, PortRange.of(22), Exposure.PRIVATE,
                List.of(IpNetwork.parse("10.8.0.0/24")));
        assertThatThrownBy(() -> new BaselineSpec("web1", "alice", "eth0", List.of(ssh), Optional.empty(),
                Optional.empty(), List.of(), "CA", List.of("web1"), updates, List.of(IpNetwork.parse("192.0.2.0/24")),
                List.of(), List.of(), List.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("spec: admin source 192.0.2.0/24 is outside the ssh service's networks (10.8.0.0/24): the"
                        + " firewall would close SSH to the admin; add it, e.g. 'private ssh tcp/22 from 10.8.0.0/24"
                        + " 192.0.2.0/24'");
    }
}
