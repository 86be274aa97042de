package dev.bulwark.pki.acme;

import dev.bulwark.pki.acme.AcmeServer.ChallengeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ACME client (certbot, lego, dehydrated) pointed at one server under test, with its own
 * state folder. Each step runs the client's own command line and returns its result.
 */
abstract class AcmeClient {

    /** How long one client command may take (dehydrated runs dozens of processes per order). */
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** The files of an issued certificate: the leaf and the intermediates the client stored. */
    record CertificateFiles(Path leaf, Path chain) {
    }

    protected final Testbed bed;
    protected final AcmeServerUnderTest server;
    protected final Path home;

    protected AcmeClient(Testbed bed, AcmeServerUnderTest server, Path home) {
        this.bed = bed;
        this.server = server;
        this.home = home;
    }

    /** The client's command name, also used in the names it requests. */
    abstract String name();

    /** The challenges this client proves, the first of them the one renewed and revoked. */
    abstract List<ChallengeType> challenges();

    abstract ToolRun.Result obtain(String domain, ChallengeType challenge) throws Exception;

    /** Renews {@code domain}'s certificate now, whatever its remaining validity. */
    abstract ToolRun.Result renew(String domain, ChallengeType challenge) throws Exception;

    abstract ToolRun.Result revoke(String domain) throws Exception;

    abstract CertificateFiles files(String domain);

    /** The name this client requests for {@code challenge}, e.g. {@code lego-tls.acme.test}. */
    String domain(ChallengeType challenge) {
        String type = challenge.wireName();
        return name() + "-" + type.substring(0, type.indexOf('-')) + "." + Testbed.ZONE;
    }

    protected ToolRun.Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("HOME", home.toString());
        return ToolRun.run(command, all, home, home.resolve(name() + ".log"), TIMEOUT);
    }

    /** Writes an executable sh script into the client's folder. */
    protected Path script(String fileName, String body) throws IOException {
        Path file = Files.createDirectories(home).resolve(fileName);
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** The dns-01 hook command, single-quoted for sh. */
    protected String dnsHook() {
        return Dnsmasq.quote(bed.dns().hook().toString());
    }
}
