package dev.bulwark.examples;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.audit.ExpectedService;
import dev.bulwark.core.audit.ServiceAudit;
import dev.bulwark.core.audit.ServicePolicy;
import dev.bulwark.core.audit.ServiceReport;
import dev.bulwark.core.host.CommandNotFoundException;
import dev.bulwark.core.host.CommandResult;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.net.Exposure;
import dev.bulwark.core.sockets.SocketTable;
import dev.bulwark.core.updates.UpdatesAudit;
import dev.bulwark.firewall.Firewall;
import dev.bulwark.firewall.parse.Ruleset;
import dev.bulwark.ssh.config.SshdConfig;
import dev.bulwark.ssh.remote.RemoteAudits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kit's audit of its target, through the {@link Host} a {@link KitAudit} names (over SSH or
 * captured files): the sshd_config the hardening starts from, what listens ({@code audit/services.md}),
 * sshd's settings, what the firewall lets through to the listeners, and the automatic updates.
 * Whatever cannot be read becomes a note; nothing is read from the machine running the kit.
 */
final class TargetAudit {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DEFAULT_NAME = "Debian's default sshd_config";

    private TargetAudit() {
    }

    /** The target's sshd_config as written (the hardening's start), else Debian's default with a note. */
    static SshdConfig sshdConfig(BaselineSpec spec, KitAudit audit, List<String> notes) throws IOException {
        if (audit instanceof KitAudit.FromHost) {
            KitAudit.FromHost target = (KitAudit.FromHost) audit;
            try {
                return SshdConfig.read(target.host(), RemoteAudits.SSHD_CONFIG);
            } catch (NoSuchFileException e) {
                notes.add(RemoteAudits.SSHD_CONFIG + " of " + spec.hostname() + " (" + audit.description()
                        + ") does not exist: the hardened sshd_config starts from " + DEFAULT_NAME + ".");
            } catch (IOException | ParseException | UncheckedIOException e) {
                notes.add(RemoteAudits.SSHD_CONFIG + " of " + spec.hostname() + " (" + audit.description()
                        + ") could not be read (" + oneLine(e) + "): the hardened sshd_config starts from "
                        + DEFAULT_NAME + ".");
            }
        } else {
            notes.add("The hardened sshd_config starts from " + DEFAULT_NAME + " (the target was not audited):"
                    + " compare it with the server's before installing it.");
        }
        try (InputStream in = SshKit.class.getResourceAsStream("default_sshd_config")) {
            return SshdConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default sshd_config");
        }
    }

    /**
     * What the audit and the checks before writing need from the target, read once: its listeners
     * ({@code ss -plunt}), sshd's settings ({@code sshd -T}, else the files), its firewall, its
     * interface addresses ({@code ip -o address}). A part that cannot be read is empty, with its note.
     *
     * @param label     the target's name and how it was reached, for notes and reports
     * @param sockets   the listening sockets
     * @param sshd      sshd's settings and whether they are {@code sshd -T}'s
     * @param rules     the firewall ruleset
     * @param addresses the interface addresses
     * @param notes     what could not be read, in the order of the parts
     */
    record Facts(String label, Optional<SocketTable> sockets, Optional<RemoteAudits.SshdSource> sshd,
                 Optional<Ruleset> rules, Optional<InterfaceAddresses> addresses, List<String> notes) {
        /** Copies the notes. */
        Facts {
            notes = List.copyOf(notes);
        }

        /** Nothing read: the target is not audited. */
        static Facts none(String label) {
            return new Facts(label, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
        }
    }

    /** Reads the target's {@link Facts}; nothing for {@link KitAudit#none()}. */
    static Facts read(BaselineSpec spec, KitAudit audit) {
        String label = spec.hostname() + " (" + audit.description() + ")";
        if (!(audit instanceof KitAudit.FromHost)) {
            return Facts.none(label);
        }
        Host host = ((KitAudit.FromHost) audit).host();
        List<String> notes = new ArrayList<>();
        Optional<SocketTable> sockets = Optional.empty();
        try {
            CommandResult ss = host.run(ServiceAudit.SS_COMMAND, TIMEOUT).requireSuccess();
            sockets = Optional.of(SocketTable.parse(ss.stdout(), "ss -plunt on " + label));
        } catch (IOException | ParseException e) {
            notes.add("The listening services of " + label + " could not be audited (`ss -plunt`): " + oneLine(e));
        }
        Optional<RemoteAudits.SshdSource> sshd = Optional.empty();
        try {
            sshd = Optional.of(RemoteAudits.sshdConfig(host));
            if (!sshd.get().effective()) {
                notes.add("sshd on " + label + " was audited from its files, not `sshd -T` (not runnable or not"
                        + " captured): defaults compiled into that sshd are assumed to be OpenSSH's.");
            }
        } catch (IOException | ParseException | UncheckedIOException e) {
            notes.add("sshd on " + label + " could not be audited: " + oneLine(e));
        }
        Optional<Ruleset> rules = Optional.empty();
        try {
            rules = ruleset(host);
            if (rules.isEmpty()) {
                notes.add("The firewall of " + label + " could not be read (neither `iptables-save` nor"
                        + " `nft -j list ruleset` gave a ruleset): what reaches its listeners is not audited.");
            } else if (sockets.isEmpty()) {
                notes.add("The firewall of " + label + " was read but its listeners were not: what reaches them is"
                        + " not audited.");
            }
        } catch (IOException | ParseException e) {
            notes.add("The firewall of " + label + " could not be read: " + oneLine(e));
        }
        Optional<InterfaceAddresses> addresses = Optional.empty();
        try {
            CommandResult ip = host.run(InterfaceAddresses.COMMAND, TIMEOUT).requireSuccess();
            addresses = Optional.of(InterfaceAddresses.parse(ip.stdout(), "ip -o address on " + label));
        } catch (CommandNotFoundException e) {
            // not captured: the ListenAddress checks say what they assumed without them
        } catch (IOException | ParseException e) {
            notes.add("The interface addresses of " + label + " could not be read (`ip -o address`): " + oneLine(e));
        }
        return new Facts(label, sockets, sshd, rules, addresses, notes);
    }

    /** Adds the target's findings, {@code audit/services.md} and notes (from {@link #read}) to the kit. */
    static void run(BaselineSpec spec, KitAudit audit, Facts facts, KitFiles kit) throws IOException {
        if (!(audit instanceof KitAudit.FromHost)) {
            kit.note(spec.hostname() + " was not audited, so the kit reports no findings about it: run the kit with"
                    + " --target USER@HOST[:PORT] (over SSH) or --from-files DIR (output captured on the server)"
                    + " to add them.");
            return;
        }
        Host host = ((KitAudit.FromHost) audit).host();
        facts.notes().forEach(kit::note);
        if (facts.sockets().isPresent()) {
            ServiceReport report = ServiceAudit.report(facts.sockets().get(),
                    new ServicePolicy(spec.effectiveServices()), facts.label());
            kit.directory("audit", FileMode.PRIVATE_DIRECTORY);
            kit.write("audit/services.md", report.toMarkdown(), FileMode.SECRET,
                    "which services listen where on " + facts.label() + " (`ss -plunt`) against the spec's services");
            kit.addTargetFindings(report.findings());
        }
        facts.sshd().ifPresent(s -> kit.addTargetFindings(s.config().audit()));
        if (facts.rules().isPresent() && facts.sockets().isPresent()) {
            Map<Integer, Exposure> intent = new HashMap<>();
            for (ExpectedService s : spec.effectiveServices()) {
                for (int port = s.ports().first(); port <= s.ports().last(); port++) {
                    intent.merge(port, s.exposure(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
            kit.addTargetFindings(Firewall.audit(facts.rules().get(), facts.sockets().get(), intent).findings());
        }
        try {
            kit.addTargetFindings(UpdatesAudit.audit(host, TIMEOUT));
        } catch (IOException | ParseException e) {
            kit.note("The automatic updates of " + facts.label() + " could not be audited: " + oneLine(e));
        }
    }

    /** The target's ruleset: {@code iptables-save}, else {@code nft -j list ruleset}; empty when neither runs. */
    private static Optional<Ruleset> ruleset(Host host) throws IOException {
        try {
            CommandResult r = host.run(List.of("iptables-save"), TIMEOUT);
            if (r.isSuccess() && !r.stdout().isBlank()) {
                return Optional.of(Firewall.parseIptablesSave(r.stdout()));
            }
        } catch (CommandNotFoundException e) {
            // try nft
        }
        try {
            CommandResult r = host.run(List.of("nft", "-j", "list", "ruleset"), TIMEOUT);
            if (r.isSuccess() && !r.stdout().isBlank()) {
                return Optional.of(Firewall.parseNftJson(r.stdout()));
            }
        } catch (CommandNotFoundException e) {
            // neither
        }
        return Optional.empty();
    }

    static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
