package dev.bulwark.ssh.config.internal;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ParseResult;
import dev.bulwark.core.Position;
import dev.bulwark.ssh.config.Directive;
import dev.bulwark.ssh.config.IncludeRoot;
import dev.bulwark.ssh.config.MatchBlock;
import dev.bulwark.ssh.config.MatchCriterion;
import dev.bulwark.ssh.config.SshdConfigFile;
import dev.bulwark.ssh.config.SshdKeyword;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses sshd_config text into directives in the order sshd processes them, following
 * {@code Include} through a resolver, tracking {@code Match} blocks (a Match inside an included
 * file ends with that file, as in sshd) and checking what sshd checks. Not API.
 */
public final class ConfigParser {

    private static final List<String> WIRE_NAMES = wireNames();
    private static final int MAX_REMEMBERED = 4096;

    /** sshd's {@code SERVCONF_MAX_DEPTH}. */
    public static final int MAX_INCLUDE_DEPTH = 16;

    /** Finds the files an absolute {@code Include} pattern names, in lexical order. */
    @FunctionalInterface
    public interface Resolver {
        /** The files, sorted; empty when nothing matches. */
        List<SshdConfigFile> resolve(String absolutePattern);
    }

    /** What a parse produced. */
    public record Result(List<SshdConfigFile> files, List<Directive> directives, List<ParseException> diagnostics) {
    }

    private final Optional<IncludeRoot> root;
    private final Resolver resolver;
    private final boolean strict;
    private final List<SshdConfigFile> files = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<ParseException> diagnostics = new ArrayList<>();
    private final Set<String> subsystems = new HashSet<>();
    /** "Did you mean" answers of this parse, so that a file of many same bad lines computes each once. */
    private final Map<String, Optional<String>> suggestions = new HashMap<>();

    private ConfigParser(Optional<IncludeRoot> root, Resolver resolver, boolean strict) {
        this.root = root;
        this.resolver = resolver;
        this.strict = strict;
    }

    /**
     * Parses {@code main} and what it includes.
     *
     * @param root     where {@code Include} paths point; empty: includes are not followed
     * @param resolver finds included files
     * @param strict   throw the first error instead of collecting it
     */
    public static Result parse(SshdConfigFile main, Optional<IncludeRoot> root, Resolver resolver, boolean strict) {
        ConfigParser p = new ConfigParser(root, resolver, strict);
        p.file(main, List.of(), 0);
        return new Result(List.copyOf(p.files), List.copyOf(p.directives), List.copyOf(p.diagnostics));
    }

    private void file(SshdConfigFile file, List<MatchBlock> outer, int depth) {
        files.add(file);
        List<MatchBlock> chain = outer;
        List<String> lines = file.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Tokenizer.isBlankOrComment(line)) {
                continue;
            }
            int column = 1;
            while (column <= line.length() && " \t\r".indexOf(line.charAt(column - 1)) >= 0) {
                column++;
            }
            Position pos = new Position(file.name(), i + 1, column);
            try {
                chain = line(file, line, pos, outer, chain, depth);
            } catch (ParseException e) {
                if (strict) {
                    throw e;
                }
                if (diagnostics.size() < ParseResult.MAX_DIAGNOSTICS) { // the rest would be dropped: not kept alive
                    diagnostics.add(e);
                }
            }
        }
    }

    private List<MatchBlock> line(SshdConfigFile file, String line, Position pos, List<MatchBlock> outer,
                                  List<MatchBlock> chain, int depth) {
        Tokenizer.Split split;
        try {
            split = Tokenizer.split(line);
        } catch (Tokenizer.SplitException e) {
            throw new ParseException(pos, e.getMessage(), line.strip());
        }
        String word = split.keyword();
        SshdKeyword keyword = SshdKeyword.lookup(word).orElseThrow(() -> unknown(pos, word, suggestion(word)));
        List<String> args = split.arguments();
        if (keyword == SshdKeyword.MATCH) {
            MatchBlock block = match(args, pos);
            List<MatchBlock> next = new ArrayList<>(outer);
            next.add(block);
            directives.add(new Directive(keyword, word, args, split.rest(), pos, next));
            return List.copyOf(next);
        }
        boolean inMatch = !chain.stream().allMatch(MatchBlock::isAll);
        if (inMatch && !keyword.allowedInMatch()) {
            throw new ParseException(pos, "Directive '" + keyword.wireName() + "' is not allowed within a Match block",
                    word);
        }
        if (args.isEmpty()) {
            throw new ParseException(pos, "keyword " + keyword.wireName() + " empty argument", word);
        }
        Optional<String> problem = Values.check(keyword, args);
        if (problem.isPresent()) {
            throw new ParseException(pos, problem.get(), line.strip());
        }
        if (keyword == SshdKeyword.SUBSYSTEM && !inMatch && !subsystems.add(args.get(0))) {
            throw new ParseException(pos, "Subsystem '" + args.get(0) + "' already defined.", args.get(0));
        }
        directives.add(new Directive(keyword, word, args, split.rest(), pos, chain));
        if (keyword == SshdKeyword.INCLUDE) {
            include(args, pos, chain, depth);
        }
        return chain;
    }

    private void include(List<String> patterns, Position pos, List<MatchBlock> chain, int depth) {
        if (root.isEmpty()) {
            return;
        }
        if (depth + 1 > MAX_INCLUDE_DEPTH) {
            throw new ParseException(pos, "Too many recursive configuration includes", null);
        }
        for (String pattern : patterns) {
            if (IncludeRoot.readsFromWorkingDirectory(pattern)) {
                continue; // no fixed path: SshdAudit reports it as unread (ssh.include-unresolved)
            }
            for (SshdConfigFile f : resolver.resolve(root.get().resolve(pattern))) {
                file(f, chain, depth + 1);
            }
        }
    }

    private static MatchBlock match(List<String> args, Position pos) {
        List<MatchCriterion> criteria = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            MatchCriterion.Attribute attribute = MatchCriterion.Attribute.lookup(name)
                    .orElseThrow(() -> new ParseException(pos, "Unsupported Match attribute '" + name + "'", name));
            if (attribute == MatchCriterion.Attribute.ALL) {
                if (!criteria.isEmpty() || i + 1 < args.size()) {
                    throw new ParseException(pos, "'all' cannot be combined with other Match attributes", null);
                }
                criteria.add(new MatchCriterion(attribute, ""));
                continue;
            }
            if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                throw new ParseException(pos, "Missing Match criteria for " + name, null);
            }
            String patterns = args.get(++i);
            checkCriterion(attribute, patterns, pos);
            criteria.add(new MatchCriterion(attribute, patterns));
        }
        if (criteria.isEmpty()) {
            throw new ParseException(pos, "One or more attributes required for Match", null);
        }
        return new MatchBlock(criteria, pos);
    }

    private static void checkCriterion(MatchCriterion.Attribute attribute, String patterns, Position pos) {
        if ((attribute == MatchCriterion.Attribute.ADDRESS || attribute == MatchCriterion.Attribute.LOCAL_ADDRESS)
                && Patterns.addresses("", patterns) == Patterns.AddressMatch.INVALID) {
            throw new ParseException(pos, "Invalid Match " + attribute.wireName().toLowerCase(Locale.ROOT)
                    + " argument '" + patterns + "'", patterns);
        }
        if (attribute == MatchCriterion.Attribute.LOCAL_PORT
                && (!patterns.matches("\\d{1,5}") || Integer.parseInt(patterns) < 1 || Integer.parseInt(patterns) > 65535)) {
            throw new ParseException(pos, "Invalid LocalPort '" + patterns + "' on Match line", patterns);
        }
    }

    private Optional<String> suggestion(String word) {
        Optional<String> known = suggestions.get(word);
        if (known == null) {
            known = Suggestions.closest(word, WIRE_NAMES);
            if (suggestions.size() < MAX_REMEMBERED) {
                suggestions.put(word, known);
            }
        }
        return known;
    }

    private static ParseException unknown(Position pos, String word, Optional<String> suggestion) {
        String shown = word.length() > 64 ? word.substring(0, 64) + "..." : word;
        String reason = "unknown keyword '" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
        if (suggestion.isPresent()) {
            reason += " (did you mean " + suggestion.get() + "?)";
        }
        return new ParseException(new Position(pos.source(), pos.line(), pos.column()), reason, word);
    }

    private static List<String> wireNames() {
        List<String> names = new ArrayList<>();
        for (SshdKeyword k : SshdKeyword.values()) {
            names.add(k.wireName());
        }
        return List.copyOf(names);
    }
}
