package dev.bulwark.pki.acme;

import dev.bulwark.pki.acme.AcmeServer.ChallengeType;
import dev.bulwark.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * dehydrated (Debian): http-01 through its WELLKNOWN folder served by a {@link WellKnownResponder}
 * on the testbed's http port, dns-01 through a hook writing TXT records into dnsmasq. curl trusts
 * the server's HTTPS through {@code CURL_CA_BUNDLE}.
 */
final class Dehydrated extends AcmeClient {

    private boolean registered;

    Dehydrated(Testbed bed, AcmeServerUnderTest server, Path home) {
        super(bed, server, home);
    }

    @Override
    String name() {
        return "dehydrated";
    }

    @Override
    List<ChallengeType> challenges() {
        return List.of(ChallengeType.HTTP_01, ChallengeType.DNS_01);
    }

    @Override
    ToolRun.Result obtain(String domain, ChallengeType challenge) throws Exception {
        if (!registered) {
            ToolRun.Result registration = dehydrated(List.of("--register", "--accept-terms"));
            if (!registration.ok()) {
                return registration;
            }
            registered = true;
        }
        return issue(domain, challenge, false);
    }

    @Override
    ToolRun.Result renew(String domain, ChallengeType challenge) throws Exception {
        return issue(domain, challenge, true);
    }

    @Override
    ToolRun.Result revoke(String domain) throws Exception {
        return dehydrated(List.of("--revoke", files(domain).leaf().toString()));
    }

    @Override
    CertificateFiles files(String domain) {
        Path certs = home.resolve("certs").resolve(domain);
        return new CertificateFiles(certs.resolve("cert.pem"), certs.resolve("chain.pem"));
    }

    private ToolRun.Result issue(String domain, ChallengeType challenge, boolean force) throws Exception {
        List<String> args = new ArrayList<>(List.of("--cron", "--domain", domain, "--challenge", challenge.wireName()));
        if (force) {
            args.add("--force");
        }
        if (challenge == ChallengeType.DNS_01) {
            Path hook = script("dehydrated-hook", "case $1 in\n"
                    + "  deploy_challenge) exec " + dnsHook() + " add \"_acme-challenge.$2\" \"$4\";;\n"
                    + "  clean_challenge) exec " + dnsHook() + " del \"_acme-challenge.$2\" \"$4\";;\n"
                    + "esac\n");
            args.addAll(List.of("--hook", hook.toString()));
            return dehydrated(args);
        }
        if (challenge != ChallengeType.HTTP_01) {
            throw new IllegalArgumentException("dehydrated is run here for http-01 and dns-01 only, not " + challenge.wireName());
        }
        try (WellKnownResponder responder = WellKnownResponder.start(bed.httpPort(), wellKnown())) {
            return dehydrated(args);
        }
    }

    private Path wellKnown() {
        return home.resolve("www/.well-known/acme-challenge");
    }

    private ToolRun.Result dehydrated(List<String> args) throws IOException, InterruptedException {
        Path config = home.resolve("config");
        if (!Files.exists(config)) {
            Files.createDirectories(wellKnown());
            Files.writeString(config, String.join("\n",
                    "CA=\"" + server.directory() + "\"",
                    "BASEDIR=\"" + home + "\"",
                    "WELLKNOWN=\"" + wellKnown() + "\"",
                    "CONTACT_EMAIL=\"admin@" + Testbed.ZONE + "\"",
                    "KEY_ALGO=prime256v1") + "\n", StandardCharsets.UTF_8);
        }
        List<String> command = new ArrayList<>(List.of(Tools.path("dehydrated"), "--config", config.toString()));
        command.addAll(args);
        return run(command, Map.of("CURL_CA_BUNDLE", server.httpsTrust().toString()));
    }
}
