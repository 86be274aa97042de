package dev.bulwark.examples;

import dev.bulwark.core.ParseException;
import dev.bulwark.ssh.Ssh;
import dev.bulwark.ssh.key.SshKeyPair;
import dev.bulwark.ssh.key.WrongPassphraseException;
import dev.bulwark.ssh.remote.ConnectOptions;
import dev.bulwark.ssh.remote.HostKeyPolicy;
import dev.bulwark.ssh.remote.RemoteHost;
import dev.bulwark.ssh.remote.SshTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secure-baseline kit's command line, a thin front of {@link Kit}.
 *
 * <pre>
 * java dev.bulwark.examples.SecureBaseline [--out DIR] [--spec FILE]
 *          [--target USER@HOST[:PORT] [--known-hosts FILE] [--identity FILE [--identity-passphrase-env VAR]] [--sudo]
 *           | --from-files DIR | --no-audit]
 * </pre>
 *
 * See {@link #USAGE}. Exit status 0 on success (and for {@code --help}), 2 with one line on stderr
 * for bad input (including a spec that would lock the admin out), 1 when the target cannot be
 * reached or the kit cannot be written. The generated passphrase of the admin's key is printed
 * once, and kept in {@code ssh/PASSPHRASE} (0600).
 */
public final class SecureBaseline {

    /** The default output directory. */
    public static final Path DEFAULT_OUT = Path.of("bulwark-baseline");
    /** What {@code --help} prints. */
    public static final String USAGE = String.join("\n",
            "usage: SecureBaseline [--out DIR] [--spec FILE] [--target USER@HOST[:PORT] [--known-hosts FILE]",
            "                      [--identity FILE [--identity-passphrase-env VAR]] [--sudo] | --from-files DIR | --no-audit]",
            "  --out DIR          where the kit goes (default ./bulwark-baseline): new, empty, or an earlier kit",
            "  --spec FILE        the server's description, UTF-8 (default: the embedded sample)",
            "  --target U@H[:P]   audit the server over SSH (host key checked against --known-hosts,",
            "                     default ~/.ssh/known_hosts; key from --identity, else the ssh-agent)",
            "  --identity-passphrase-env VAR",
            "                     the passphrase of an encrypted --identity key (else asked on the console)",
            "  --sudo             run the target's audit commands with sudo -n (login user not root)",
            "  --from-files DIR   audit output captured on the server (ss.txt, sshd-T.txt, etc/ssh/,",
            "                     iptables-save.txt or nft-ruleset.json, apt-config-dump.txt; see README)",
            "  --no-audit         no audit (the default; --no-local is an alias)",
            "  --help             this text");
    private static final Set<String> VALUED = Set.of("--out", "--spec", "--target", "--known-hosts", "--identity",
            "--identity-passphrase-env", "--from-files");
    private static final Set<String> FLAGS = Set.of("--no-audit", "--no-local", "--sudo");

    private SecureBaseline() {
    }

    /**
     * Runs the kit and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** A bad command line; its message is the one line printed. */
    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs the kit.
     *
     * @return the exit status: 0 done, 1 the target cannot be reached or the kit cannot be written, 2 bad input
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (Usage e) {
            return fail(err, 2, e.getMessage());
        }
        Path specFile = options.containsKey("--spec") ? Path.of(options.get("--spec")) : null;
        BaselineSpec spec;
        try {
            spec = specFile == null ? BaselineSpecParser.parse(sample(), "baseline.spec") : BaselineSpecParser.read(specFile);
        } catch (ParseException e) {
            return fail(err, 2, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(err, 2, "invalid spec: " + e.getMessage());
        } catch (IOException e) {
            return fail(err, 2, "cannot read spec " + specFile + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : TargetAudit.oneLine(e)));
        }
        String source = specFile == null ? "the embedded sample spec (examples/README.md)" : specFile.toString();
        Path dir = Path.of(options.getOrDefault("--out", DEFAULT_OUT.toString()));
        RemoteHost remote = null;
        KitAudit audit;
        try {
            if (options.containsKey("--target")) {
                remote = connect(options);
                audit = options.containsKey("--sudo")
                        ? KitAudit.of(remote.privileged(), "over SSH as " + remote.target() + " with sudo -n")
                        : KitAudit.over(remote);
            } else if (options.containsKey("--from-files")) {
                audit = KitAudit.fromFiles(Path.of(options.get("--from-files")));
            } else {
                audit = KitAudit.none();
            }
        } catch (Usage e) {
            return fail(err, 2, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, 1, (options.containsKey("--target") ? "cannot audit --target " + options.get("--target")
                    : "cannot read --from-files") + ": " + TargetAudit.oneLine(e));
        }
        char[] passphrase = Kit.newPassphrase();
        try (KitResult kit = Kit.generate(spec, source, dir, audit, passphrase)) {
            print(out, spec, kit, passphrase);
            return 0;
        } catch (Kit.UnusableDirectoryException e) {
            return fail(err, 2, "--out " + e.getMessage());
        } catch (ParseException e) {
            return fail(err, 2, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(err, 2, "invalid spec: " + e.getMessage());
        } catch (IOException e) {
            return fail(err, 1, "cannot write the kit to " + dir + ": " + TargetAudit.oneLine(e));
        } finally {
            Arrays.fill(passphrase, '\0');
            close(remote);
        }
    }

    private static void print(PrintStream out, BaselineSpec spec, KitResult kit, char[] passphrase) {
        out.println("Secure baseline for " + spec.hostname() + " written to " + kit.directory().toAbsolutePath()
                + " (" + kit.fileCount() + " files; how to apply them: REPORT.md).");
        out.print("Passphrase of ssh/id_ed25519, shown only now (also in ssh/PASSPHRASE, 0600): ");
        out.println(passphrase);
        String notes = kit.notes().isEmpty() ? "" : "; notes: " + kit.notes().size();
        out.println("Findings that remain: " + kit.kitFindings().size() + " in the kit's files; " + (kit.audited()
                ? kit.targetFindings().size() + " on " + spec.hostname() + " (audited " + kit.audit().description() + ")"
                : spec.hostname() + " not audited (--target or --from-files)") + notes + " (see REPORT.md).");
    }

    private static Map<String, String> options(List<String> args) throws Usage {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (VALUED.contains(arg)) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new Usage(arg + " needs a value");
                }
                options.put(arg, args.get(++i));
            } else if (FLAGS.contains(arg)) {
                options.put(arg.equals("--no-local") ? "--no-audit" : arg, "");
            } else {
                throw new Usage("unknown argument '" + printable(arg) + "' (SecureBaseline --help lists the options)");
            }
        }
        long sources = List.of("--target", "--from-files", "--no-audit").stream().filter(options::containsKey).count();
        if (sources > 1) {
            throw new Usage("choose one of --target, --from-files and --no-audit (--no-local)");
        }
        if (options.containsKey("--identity-passphrase-env") && !options.containsKey("--identity")) {
            throw new Usage("--identity-passphrase-env goes with --identity");
        }
        for (String needsTarget : List.of("--known-hosts", "--identity", "--sudo")) {
            if (options.containsKey(needsTarget) && !options.containsKey("--target")) {
                throw new Usage(needsTarget + " goes with --target");
            }
        }
        return options;
    }

    /** Connects to {@code --target} with strict host key checking. */
    private static RemoteHost connect(Map<String, String> options) throws IOException, Usage {
        SshTarget target = target(options.get("--target"));
        Path home = Path.of(System.getProperty("user.home"));
        Path knownHosts = Path.of(options.getOrDefault("--known-hosts", home.resolve(".ssh/known_hosts").toString()));
        if (!Files.isRegularFile(knownHosts)) {
            throw new Usage("--known-hosts " + knownHosts + " does not exist: the target's host key must be known"
                    + " (ssh-keyscan, then check its fingerprint)");
        }
        ConnectOptions.Builder connect = Ssh.connectOptions().hostKeys(HostKeyPolicy.knownHosts(knownHosts))
                .sudo(options.containsKey("--sudo"));
        if (options.containsKey("--identity")) {
            connect.key(identity(Path.of(options.get("--identity")), options.get("--identity-passphrase-env")));
        } else if (System.getenv("SSH_AUTH_SOCK") != null && !System.getenv("SSH_AUTH_SOCK").isEmpty()) {
            connect.agentFromEnvironment();
        } else {
            throw new Usage("--target needs a key: --identity FILE, or an ssh-agent (SSH_AUTH_SOCK)");
        }
        return Ssh.connect(target, connect.build());
    }

    /**
     * The {@code --identity} key; an encrypted one (OpenSSH format as ssh-keygen writes it, PKCS#8,
     * PEM) with the passphrase from the environment variable {@code passphraseEnv}, else asked on the
     * console without echo. The passphrase is a wiped {@code char[]}, never a String, never printed.
     */
    private static SshKeyPair identity(Path file, String passphraseEnv) throws IOException, Usage {
        try {
            return SshKeyPair.read(file, null);
        } catch (NoSuchFileException e) {
            throw new Usage("--identity " + file + ": no such file");
        } catch (WrongPassphraseException encrypted) {
            // encrypted: below
        } catch (IllegalArgumentException e) {
            throw new Usage("--identity " + file + " is not a private key: " + TargetAudit.oneLine(e));
        }
        char[] passphrase;
        String source;
        if (passphraseEnv != null) {
            String value = System.getenv(passphraseEnv);
            if (value == null || value.isEmpty()) {
                throw new Usage("--identity-passphrase-env: the environment variable '" + printable(passphraseEnv)
                        + "' is " + (value == null ? "not set" : "empty"));
            }
            passphrase = value.toCharArray();
            source = "the environment variable " + printable(passphraseEnv);
        } else if (System.console() != null) {
            passphrase = System.console().readPassword("Passphrase for %s: ", file);
            if (passphrase == null || passphrase.length == 0) {
                throw new Usage("--identity " + file + ": no passphrase entered");
            }
            source = "the console";
        } else {
            throw new Usage("--identity " + file + " is encrypted: give --identity-passphrase-env VAR (the variable"
                    + " holding its passphrase), run in a terminal to be asked, or load it into ssh-agent (ssh-add)"
                    + " and leave out --identity");
        }
        try {
            return SshKeyPair.read(file, passphrase);
        } catch (WrongPassphraseException e) {
            throw new Usage("--identity " + file + ": wrong passphrase (from " + source + ")");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** {@code user@host}, {@code user@host:port} or {@code user@[v6]:port}. */
    static SshTarget target(String text) throws Usage {
        int at = text.indexOf('@');
        if (at <= 0) {
            throw new Usage("--target '" + printable(text) + "' is not USER@HOST[:PORT]");
        }
        String user = text.substring(0, at);
        String rest = text.substring(at + 1);
        String host = rest;
        int port = 22;
        int colon = rest.lastIndexOf(':');
        if (rest.startsWith("[") && rest.contains("]")) {
            host = rest.substring(1, rest.indexOf(']'));
            String after = rest.substring(rest.indexOf(']') + 1);
            colon = after.startsWith(":") ? 0 : -1;
            rest = after;
        } else if (colon >= 0 && rest.indexOf(':') != colon) {
            colon = -1; // a bare IPv6 address has no port
        } else if (colon >= 0) {
            host = rest.substring(0, colon);
        }
        try {
            if (colon >= 0) {
                String digits = rest.substring(colon + 1);
                if (!digits.matches("[0-9]{1,5}")) {
                    throw new Usage("--target '" + printable(text) + "': port '" + printable(digits) + "' is not a number");
                }
                port = Integer.parseInt(digits);
            }
            return SshTarget.of(user, host, port);
        } catch (IllegalArgumentException e) {
            throw new Usage("--target '" + printable(text) + "': " + e.getMessage());
        }
    }

    /** The embedded sample spec. */
    static String sample() throws IOException {
        try (InputStream in = SecureBaseline.class.getResourceAsStream("baseline.spec")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void close(RemoteHost remote) {
        if (remote != null) {
            try {
                remote.close();
            } catch (IOException e) {
                // the kit is written; a failing close changes nothing
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static int fail(PrintStream err, int status, String message) {
        err.println("SecureBaseline: " + message.replaceAll("[\\r\\n]+", " "));
        return status;
    }
}
