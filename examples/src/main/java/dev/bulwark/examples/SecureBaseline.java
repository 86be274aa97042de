package dev.bulwark.examples;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.host.Host;
import dev.bulwark.core.host.LocalHost;
import dev.bulwark.core.io.FileMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The secure-baseline kit, Bulwark's main job: writes everything a new server needs into one directory.
 *
 * <pre>
 * java dev.bulwark.examples.SecureBaseline [--out DIR] [--spec FILE] [--no-local]
 *
 *   --out DIR    where the kit goes (default ./bulwark-baseline); it must be new, empty, or an earlier
 *                kit (holding .bulwark-kit), which is then replaced
 *   --spec FILE  the server's description (format: examples/README.md); default: the embedded sample
 *   --no-local   do not read this machine (ss -plunt, /etc/ssh/sshd_config, apt-config)
 * </pre>
 *
 * Exit status 0 on success, 2 with one line on stderr for bad input, 1 when the kit cannot be written.
 * The generated passphrase of the admin's key is printed once, and kept in {@code ssh/PASSPHRASE} (0600).
 */
public final class SecureBaseline {

    /** The default output directory. */
    public static final Path DEFAULT_OUT = Path.of("bulwark-baseline");
    private static final Path SSHD_CONFIG = Path.of("/etc/ssh/sshd_config");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

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

    /**
     * Runs the kit against this machine.
     *
     * @return the exit status: 0 done, 1 the kit could not be written, 2 bad input
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, LocalHost.create(), SSHD_CONFIG);
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Host host, Path sshdConfig) {
        Path dir = DEFAULT_OUT;
        Path specFile = null;
        boolean local = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--no-local")) {
                local = false;
            } else if ((arg.equals("--out") || arg.equals("--spec")) && i + 1 < args.size()
                    && !args.get(i + 1).startsWith("--")) {
                Path value = Path.of(args.get(++i));
                if (arg.equals("--out")) {
                    dir = value;
                } else {
                    specFile = value;
                }
            } else if (arg.equals("--out") || arg.equals("--spec")) {
                return fail(err, 2, arg + " needs a value");
            } else {
                return fail(err, 2, "unknown argument '" + arg + "' (usage: SecureBaseline [--out DIR] [--spec FILE] [--no-local])");
            }
        }
        BaselineSpec spec;
        String source;
        try {
            source = specFile == null ? "the embedded sample spec (examples/README.md)" : specFile.toString();
            spec = BaselineSpecParser.parse(specFile == null ? sample() : Files.readString(specFile),
                    specFile == null ? "baseline.spec" : specFile.toString());
        } catch (ParseException e) {
            return fail(err, 2, e.getMessage());
        } catch (IOException e) {
            return fail(err, 2, "cannot read spec " + specFile + ": "
                    + (e instanceof NoSuchFileException ? "no such file" : HostKit.oneLine(e)));
        }
        char[] passphrase = passphrase();
        try {
            String problem = prepare(dir);
            if (problem != null) {
                return fail(err, 2, problem);
            }
            KitFiles kit = generate(spec, source, dir, passphrase, local ? host : null, local ? sshdConfig : null);
            out.println("Secure baseline for " + spec.hostname() + " written to " + dir.toAbsolutePath()
                    + " (" + kit.entries().size() + " files; how to apply them: REPORT.md).");
            out.print("Passphrase of ssh/id_ed25519, shown only now (also in ssh/PASSPHRASE, 0600): ");
            out.println(passphrase);
            out.println("Findings that remain: " + kit.findings().size() + (kit.notes().isEmpty() ? ""
                    : "; notes: " + kit.notes().size()) + " (see REPORT.md).");
            return 0;
        } catch (IllegalArgumentException e) {
            return fail(err, 2, "invalid spec: " + e.getMessage());
        } catch (IOException e) {
            return fail(err, 1, "cannot write the kit to " + dir + ": " + HostKit.oneLine(e));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** Writes the whole kit into {@code dir}; {@code host} and {@code sshdConfig} may be null (not read). */
    static KitFiles generate(BaselineSpec spec, String source, Path dir, char[] passphrase, Host host, Path sshdConfig)
            throws IOException {
        KitFiles kit = KitFiles.create(dir);
        SshKit.write(spec, kit, passphrase, sshdConfig);
        NetworkKit.write(spec, kit);
        PkiKit.write(spec, kit, passphrase);
        HostKit.writeUpdates(spec, kit, host);
        HostKit.writeServiceAudit(spec, kit, host);
        kit.write("REPORT.md", KitReport.render(spec, kit, source), FileMode.SECRET, "this report");
        return kit;
    }

    /** The embedded sample spec. */
    static String sample() throws IOException {
        try (InputStream in = SecureBaseline.class.getResourceAsStream("baseline.spec")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Empties an earlier kit in {@code dir}; returns why {@code dir} cannot be used, or null. */
    private static String prepare(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return "--out " + dir + " exists and is not a directory";
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return null;
        }
        if (!Files.isRegularFile(dir.resolve(KitFiles.MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return "--out " + dir + " is not empty and not an earlier kit (no " + KitFiles.MARKER
                    + "); choose a new or empty directory";
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
        return null;
    }

    /** 25 characters from a 32-letter alphabet without look-alikes (125 bits), in groups of five. */
    private static char[] passphrase() {
        SecureRandom random = new SecureRandom();
        char[] p = new char[29];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 6 == 5 ? '-' : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return p;
    }

    private static int fail(PrintStream err, int status, String message) {
        err.println("SecureBaseline: " + message.replaceAll("[\\r\\n]+", " "));
        return status;
    }
}
