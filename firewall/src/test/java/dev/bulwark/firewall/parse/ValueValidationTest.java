package dev.bulwark.firewall.parse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.net.IpNetwork;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueValidationTest {

    @Test
    void badMatchValuesThrowValidationException() {
        assertThatThrownBy(() -> new Match.Proto(false, List.of())).isInstanceOf(ValidationException.class)
                .hasMessage("a protocol match needs at least one protocol");
        assertThatThrownBy(() -> new Match.Addr(Match.Side.SOURCE, false, List.of())).isInstanceOf(ValidationException.class)
                .hasMessage("an address match needs at least one network");
        assertThatThrownBy(() -> new Match.Addr(Match.Side.SOURCE, false,
                List.of(IpNetwork.parse("10.0.0.0/8"), IpNetwork.parse("2001:db8::/32"))))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("an address match mixes IPv4 and IPv6: ");
        assertThatThrownBy(() -> new Match.Ports(Match.Side.DESTINATION, false, List.of())).isInstanceOf(ValidationException.class)
                .hasMessage("a port match needs at least one port");
    }

    @Test
    void badUfwRuleValuesThrowValidationException() {
        IpNetwork any = IpNetwork.parse("0.0.0.0/0");
        assertThatThrownBy(() -> new UfwRule(Position.of("u", 1), "permit", "", false, true, "tcp", List.of(), any,
                List.of(), any, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false))
                .isInstanceOf(ValidationException.class).hasMessage("action 'permit' is not allow, deny, reject or limit");
        assertThatThrownBy(() -> new UfwRule(Position.of("u", 1), "allow", "loud", false, true, "tcp", List.of(), any,
                List.of(), any, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false))
                .isInstanceOf(ValidationException.class).hasMessage("log 'loud' is not log or log-all");
    }
}
