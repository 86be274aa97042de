package dev.bulwark.ssh.config;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.ValidationException;
import dev.bulwark.core.audit.Finding;
import dev.bulwark.core.host.Host;
import dev.bulwark.ssh.config.internal.ConfigParser;
import dev.bulwark.ssh.config.internal.Globs;
import dev.bulwark.ssh.internal.lines.TextFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An sshd_config with the files it includes, parsed with OpenSSH 9.2's semantics and kept as
 * written, so that it can be audited, evaluated for a connection and edited without disturbing
 * comments, blank lines or order.
 *
 * <pre>{@code
 * SshdConfig config = SshdConfig.read(Path.of("/etc/ssh/sshd_config"));
 * List<Finding> findings = config.audit();
 * EffectiveConfig forRoot = config.effective(ConnectionSpec.of("root", "client", "203.0.113.9"));
 * SshdChange change = config.set(Placement.global(), SshdKeyword.PASSWORD_AUTHENTICATION, "no");
 * System.out.print(change.diff());
 * }</pre>
 *
 * <p>{@code Include} paths follow sshd's rule by default: a relative path resolves against sshd's
 * configuration directory {@code /etc/ssh}, not against the folder of the file that holds the line
 * (so {@code read(Path.of("/tmp/copy/sshd_config"))} with {@code Include sshd_config.d/*.conf}
 * reads {@code /etc/ssh/sshd_config.d/*.conf}, as {@code sshd -f /tmp/copy/sshd_config} would). To
 * audit a copy or a mounted image, pass an {@link IncludeRoot}:
 * {@code read(file, IncludeRoot.directory(copyDir))} or {@code read(file, IncludeRoot.image(sysroot))}.
 * Globs are read in lexical order and nesting is limited to sshd's depth of 16. A configuration
 * parsed from a string does not follow includes.
 */
public final class SshdConfig {

    /** The source name of text parsed with {@link #parse(String)}. */
    public static final String DEFAULT_NAME = "sshd_config";

    private final List<SshdConfigFile> files;
    private final List<Directive> directives;
    private final Optional<IncludeRoot> root;

    private SshdConfig(ConfigParser.Result result, Optional<IncludeRoot> root) {
        this.files = result.files();
        this.directives = result.directives();
        this.root = root;
    }

    /** Parses text strictly; throws {@link ParseException} with the line of the first problem. */
    public static SshdConfig parse(String text) {
        return parse(text, DEFAULT_NAME);
    }

    /** Parses text strictly, naming it {@code sourceName} in positions. */
    public static SshdConfig parse(String text, String sourceName) {
        SshdConfigFile file = new SshdConfigFile(sourceName, Optional.empty(), text);
        return new SshdConfig(ConfigParser.parse(file, Optional.empty(), p -> List.of(), true), Optional.empty());
    }

    /** Parses text, or empty when it does not parse. */
    public static Optional<SshdConfig> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Parses text leniently: bad lines are reported and kept (they render back unchanged) but ignored. */
    public static ParseResult<SshdConfig> parseLenient(String text) {
        SshdConfigFile file = new SshdConfigFile(DEFAULT_NAME, Optional.empty(), text);
        ConfigParser.Result r = ConfigParser.parse(file, Optional.empty(), p -> List.of(), false);
        return new ParseResult<>(new SshdConfig(r, Optional.empty()), r.diagnostics());
    }

    /**
     * Reads a file and everything it includes, strictly, with sshd's rule for {@code Include}
     * ({@link IncludeRoot#sshd()}: relative paths against {@code /etc/ssh}).
     *
     * @throws IOException    when a file cannot be read
     * @throws ParseException when a line is not valid sshd_config
     */
    public static SshdConfig read(Path path) throws IOException {
        return read(path, IncludeRoot.sshd());
    }

    /**
     * Reads a file and everything it includes, strictly, resolving {@code Include} paths through
     * {@code root}: e.g. {@code read(Path.of("/mnt/img/etc/ssh/sshd_config"), IncludeRoot.image(Path.of("/mnt/img")))}.
     *
     * @throws IOException    when a file cannot be read
     * @throws ParseException when a line is not valid sshd_config
     */
    public static SshdConfig read(Path path, IncludeRoot root) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(root, "root");
        SshdConfigFile main = new SshdConfigFile(path.toString(), Optional.of(path), TextFiles.readUtf8(path));
        try {
            return new SshdConfig(ConfigParser.parse(main, Optional.of(root), Globs.disk(), true), Optional.of(root));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads a file and everything it includes from a {@link Host}: this machine or a server over SSH,
     * with sshd's rule for {@code Include} (relative paths against {@code /etc/ssh} on that host).
     *
     * @param path an absolute path on that host
     * @throws IOException    when a file cannot be read or the host cannot be reached
     * @throws ParseException when a line is not valid sshd_config
     */
    public static SshdConfig read(Host host, Path path) throws IOException {
        return read(host, path, IncludeRoot.sshd());
    }

    /**
     * Reads a file and everything it includes from a {@link Host}, resolving {@code Include} paths
     * through {@code root} (paths on that host).
     *
     * @param path an absolute path on that host
     * @throws IOException    when a file cannot be read or the host cannot be reached
     * @throws ParseException when a line is not valid sshd_config
     */
    public static SshdConfig read(Host host, Path path, IncludeRoot root) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(root, "root");
        if (!path.isAbsolute()) {
            throw new ValidationException("path on host " + host.name() + " must be absolute: " + path);
        }
        SshdConfigFile main = new SshdConfigFile(path.toString(), Optional.of(path), host.readString(path));
        try {
            return new SshdConfig(ConfigParser.parse(main, Optional.of(root), Globs.host(host), true), Optional.of(root));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads a file and everything it includes leniently, with sshd's rule for {@code Include}:
     * bad lines are reported and kept but ignored.
     *
     * @throws IOException when a file cannot be read
     */
    public static ParseResult<SshdConfig> readLenient(Path path) throws IOException {
        return readLenient(path, IncludeRoot.sshd());
    }

    /**
     * Reads a file and everything it includes leniently, resolving {@code Include} paths through {@code root}.
     *
     * @throws IOException when a file cannot be read
     */
    public static ParseResult<SshdConfig> readLenient(Path path, IncludeRoot root) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(root, "root");
        SshdConfigFile main = new SshdConfigFile(path.toString(), Optional.of(path), TextFiles.readUtf8(path));
        try {
            ConfigParser.Result r = ConfigParser.parse(main, Optional.of(root), Globs.disk(), false);
            return new ParseResult<>(new SshdConfig(r, Optional.of(root)), r.diagnostics());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Re-parses edited files in memory, resolving includes only among them. */
    static SshdConfig reparse(List<SshdConfigFile> files, Optional<IncludeRoot> root) {
        Map<String, SshdConfigFile> byPath = new LinkedHashMap<>();
        for (SshdConfigFile f : files.subList(1, files.size())) {
            byPath.put(f.path().map(Path::toString).orElse(f.name()), f);
        }
        return new SshdConfig(ConfigParser.parse(files.get(0), root, Globs.memory(byPath), true), root);
    }

    /** The files, the main file first, then included files in the order sshd reads them. */
    public List<SshdConfigFile> files() {
        return files;
    }

    /** The main file. */
    public SshdConfigFile mainFile() {
        return files.get(0);
    }

    /** The directory relative includes resolve against, if the configuration came from a file. */
    public Optional<Path> baseDirectory() {
        return root.map(IncludeRoot::configDirectory);
    }

    /** Where {@code Include} paths point, if the configuration came from a file (parsed text follows no includes). */
    public Optional<IncludeRoot> includeRoot() {
        return root;
    }

    /** Every keyword line (Match and Include included) in the order sshd processes them. */
    public List<Directive> directives() {
        return directives;
    }

    /** The lines of one keyword, in processing order. */
    public List<Directive> directives(SshdKeyword keyword) {
        return directives.stream().filter(d -> d.keyword() == keyword).collect(Collectors.toList());
    }

    /** The {@code Match} blocks in processing order. */
    public List<MatchBlock> matchBlocks() {
        return directives.stream().filter(d -> d.keyword() == SshdKeyword.MATCH)
                .map(d -> ConfigEditor.blockAt(this, d)).collect(Collectors.toList());
    }

    /** The configuration sshd applies at startup (outside Match blocks), defaults filled in. */
    public EffectiveConfig effective() {
        return EffectiveConfig.of(directives, Optional.empty());
    }

    /** The configuration sshd applies to this connection, like {@code sshd -T -C …}. */
    public EffectiveConfig effective(ConnectionSpec connection) {
        return EffectiveConfig.of(directives, Optional.of(connection));
    }

    /** Audits the configuration against the baseline; see {@link SshdAudit}. */
    public List<Finding> audit() {
        return SshdAudit.audit(this);
    }

    /** The main file's text, exactly as read or edited. */
    public String render() {
        return mainFile().text();
    }

    /** Sets a keyword at the placement; see {@link ConfigEditor} for where lines go. */
    public SshdChange set(Placement placement, SshdKeyword keyword, String... values) {
        return new SshdChange(this, ConfigEditor.set(this, placement, keyword, List.of(values)));
    }

    /** Removes a keyword's lines at the placement (every global line for {@link Placement#global()}). */
    public SshdChange remove(Placement placement, SshdKeyword keyword) {
        return new SshdChange(this, ConfigEditor.remove(this, placement, keyword));
    }

    @Override
    public String toString() {
        return "SshdConfig[" + mainFile().name() + ", " + files.size() + " file(s), " + directives.size() + " directives]";
    }
}
