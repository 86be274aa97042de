package dev.bulwark.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.audit.FindingsJson;
import dev.bulwark.core.audit.Sarif;
import dev.bulwark.ssh.authorized.AuthorizedKeys;
import dev.bulwark.ssh.authorized.AuthorizedKeysPolicy;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.SshKeyType;
import dev.bulwark.testing.JsonSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ssh audits' findings as JSON (Bulwark's schema) and SARIF (the OASIS 2.1.0 schema), with file locations. */
class FindingsOutputTest {

    private static List<Finding> findings() {
        List<Finding> all = new ArrayList<>(SshdConfig.parse("Port 22\nPermitRootLogin yes\nPasswordAuthentication yes\n",
                "/etc/ssh/sshd_config").audit());
        String key = SshKeyPair.generate(SshKeyType.ED25519).publicKey().toOpenSsh();
        all.addAll(AuthorizedKeys.parse(key + "\n" + key + "\n", "/root/.ssh/authorized_keys")
                .audit(AuthorizedKeysPolicy.DEFAULT));
        return all;
    }

    @Test
    void sshdAndAuthorizedKeysFindingsValidateAsJsonAndSarif() {
        List<Finding> all = findings();
        assertThat(all).extracting(Finding::id).contains("ssh.permit-root-login");
        assertThat(JsonSchemas.bulwarkProblems(FindingsJson.toJson(all))).isEmpty();
        assertThat(JsonSchemas.sarifProblems(Sarif.toSarif(all))).isEmpty();
    }

    @Test
    void findingsOnAConfigLineCarryItsFileAndLine() throws Exception {
        List<Finding> all = findings();
        JsonNode results = new ObjectMapper().readTree(Sarif.toSarif(all)).path("runs").path(0).path("results");
        int root = all.indexOf(all.stream().filter(f -> f.id().equals("ssh.permit-root-login")).findFirst().orElseThrow());
        JsonNode location = results.path(root).path("locations").path(0).path("physicalLocation");
        assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo("file:///etc/ssh/sshd_config");
        assertThat(location.path("region").path("startLine").asInt()).isEqualTo(2);
        List<Finding> keys = all.stream().filter(f -> f.subject().startsWith("/root/.ssh/authorized_keys:")).toList();
        assertThat(keys).isNotEmpty().allSatisfy(f -> assertThat(f.location()).isPresent());
        assertThat(keys).extracting(f -> f.location().orElseThrow().line()).contains(2);
    }
}
