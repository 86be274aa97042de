package dev.bulwark.pki.acme;

import dev.bulwark.pki.acme.AcmeServer.ChallengeType;
import dev.bulwark.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * lego (Debian): http-01 ({@code --http}) and tls-alpn-01 ({@code --tls}) on the testbed's ports,
 * dns-01 with the {@code exec} provider writing TXT records into dnsmasq and checking them there.
 */
final class Lego extends AcmeClient {

    Lego(Testbed bed, AcmeServerUnderTest server, Path home) {
        super(bed, server, home);
    }

    @Override
    String name() {
        return "lego";
    }

    @Override
    List<ChallengeType> challenges() {
        return List.of(ChallengeType.HTTP_01, ChallengeType.TLS_ALPN_01, ChallengeType.DNS_01);
    }

    @Override
    ToolRun.Result obtain(String domain, ChallengeType challenge) throws Exception {
        return lego(domain, challenge, List.of("run"));
    }

    @Override
    ToolRun.Result renew(String domain, ChallengeType challenge) throws Exception {
        // renew when fewer than 100,000 days are left: always; without the random sleep lego adds off a terminal
        return lego(domain, challenge, List.of("renew", "--days", "100000", "--no-random-sleep"));
    }

    @Override
    ToolRun.Result revoke(String domain) throws Exception {
        return lego(domain, null, List.of("revoke", "--reason", "1", "--keep"));
    }

    @Override
    CertificateFiles files(String domain) {
        Path certificates = home.resolve("certificates");
        return new CertificateFiles(certificates.resolve(domain + ".crt"), certificates.resolve(domain + ".issuer.crt"));
    }

    private ToolRun.Result lego(String domain, ChallengeType challenge, List<String> action) throws Exception {
        List<String> command = new ArrayList<>(List.of(Tools.path("lego"), "--server", server.directory().toString(),
                "--email", "admin@" + Testbed.ZONE, "--accept-tos", "--path", home.toString(), "--domains", domain));
        if (challenge == ChallengeType.HTTP_01) {
            command.addAll(List.of("--http", "--http.port", "127.0.0.1:" + bed.httpPort()));
        } else if (challenge == ChallengeType.TLS_ALPN_01) {
            command.addAll(List.of("--tls", "--tls.port", "127.0.0.1:" + bed.tlsPort()));
        } else if (challenge == ChallengeType.DNS_01) {
            command.addAll(List.of("--dns", "exec", "--dns.resolvers", bed.dns().address(), "--dns.disable-cp"));
        }
        command.addAll(action);
        Path exec = script("lego-exec", "case $1 in\n"
                + "  present) exec " + dnsHook() + " add \"$2\" \"$3\";;\n"
                + "  cleanup) exec " + dnsHook() + " del \"$2\" \"$3\";;\n"
                + "esac\n");
        return run(command, Map.of("LEGO_CA_CERTIFICATES", server.httpsTrust().toString(),
                "EXEC_PATH", exec.toString(), "EXEC_POLLING_INTERVAL", "1", "EXEC_PROPAGATION_TIMEOUT", "60"));
    }
}
