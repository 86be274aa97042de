package dev.bulwark.pki.acme;

import dev.bulwark.pki.acme.AcmeServer.ChallengeType;
import dev.bulwark.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * certbot (Debian): http-01 with {@code --standalone} on the testbed's http port, dns-01 with
 * {@code --manual} and auth/cleanup hooks that write TXT records into dnsmasq.
 */
final class Certbot extends AcmeClient {

    Certbot(Testbed bed, AcmeServerUnderTest server, Path home) {
        super(bed, server, home);
    }

    @Override
    String name() {
        return "certbot";
    }

    @Override
    List<ChallengeType> challenges() {
        return List.of(ChallengeType.HTTP_01, ChallengeType.DNS_01);
    }

    @Override
    ToolRun.Result obtain(String domain, ChallengeType challenge) throws Exception {
        List<String> args = new ArrayList<>(List.of("certonly", "--agree-tos", "--register-unsafely-without-email",
                "-d", domain, "--cert-name", domain));
        if (challenge == ChallengeType.HTTP_01) {
            args.addAll(List.of("--standalone", "--preferred-challenges", "http",
                    "--http-01-port", String.valueOf(bed.httpPort()), "--http-01-address", "127.0.0.1"));
        } else if (challenge == ChallengeType.DNS_01) {
            Path auth = script("certbot-auth", "exec " + dnsHook() + " add \"_acme-challenge.$CERTBOT_DOMAIN\" \"$CERTBOT_VALIDATION\"\n");
            Path cleanup = script("certbot-cleanup", "exec " + dnsHook() + " del \"_acme-challenge.$CERTBOT_DOMAIN\" \"$CERTBOT_VALIDATION\"\n");
            args.addAll(List.of("--manual", "--preferred-challenges", "dns",
                    "--manual-auth-hook", auth.toString(), "--manual-cleanup-hook", cleanup.toString()));
        } else {
            throw new IllegalArgumentException("certbot has no " + challenge.wireName() + " authenticator");
        }
        return certbot(args);
    }

    @Override
    ToolRun.Result renew(String domain, ChallengeType challenge) throws Exception {
        // renew runs the authenticator saved with the certificate; --no-random-sleep-on-renew stops
        // certbot from waiting up to 8 minutes when it is not on a terminal
        return certbot(List.of("renew", "--force-renewal", "--no-random-sleep-on-renew", "--cert-name", domain));
    }

    @Override
    ToolRun.Result revoke(String domain) throws Exception {
        return certbot(List.of("revoke", "--cert-path", files(domain).leaf().toString(), "--reason", "keycompromise",
                "--no-delete-after-revoke"));
    }

    @Override
    CertificateFiles files(String domain) {
        Path live = home.resolve("config/live").resolve(domain);
        return new CertificateFiles(live.resolve("cert.pem"), live.resolve("chain.pem"));
    }

    private ToolRun.Result certbot(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Tools.path("certbot")));
        command.addAll(args);
        command.addAll(List.of("--non-interactive", "--server", server.directory().toString(),
                "--config-dir", home.resolve("config").toString(), "--work-dir", home.resolve("work").toString(),
                "--logs-dir", home.resolve("logs").toString()));
        return run(command, Map.of("REQUESTS_CA_BUNDLE", server.httpsTrust().toString()));
    }
}
