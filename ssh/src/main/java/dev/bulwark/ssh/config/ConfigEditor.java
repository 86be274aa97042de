package dev.bulwark.ssh.config;

import dev.bulwark.core.ParseException;
import dev.bulwark.core.ValidationException;
import dev.bulwark.ssh.config.internal.Globs;
import dev.bulwark.ssh.config.internal.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Preserving edits. A global setting replaces the line that currently wins (wherever it is, so an
 * earlier drop-in cannot keep overriding it) or, when there is none, goes directly before the first
 * {@code Match} line of the main file and the comment lines directly above it (never after a Match
 * block, where it would be conditional).
 * Accumulating keywords are replaced as a whole. Everything else stays byte for byte.
 */
final class ConfigEditor {

    private static final String INDENT = "    ";

    private ConfigEditor() {
    }

    static MatchBlock blockAt(SshdConfig config, Directive match) {
        return match.conditions().get(match.conditions().size() - 1);
    }

    static SshdConfig set(SshdConfig config, Placement placement, SshdKeyword keyword, List<String> values) {
        String line = validate(placement, keyword, values);
        Edits edits = new Edits(config);
        List<Directive> found = occurrences(config, placement, keyword);
        if (keyword == SshdKeyword.SUBSYSTEM) {
            found = found.stream().filter(d -> d.arguments().get(0).equals(values.get(0))).collect(Collectors.toList());
        }
        if (!found.isEmpty()) {
            Directive winner = keyword.multiplicity() == SshdKeyword.Multiplicity.LAST_WINS
                    ? found.get(found.size() - 1) : found.get(0);
            edits.replace(winner, line);
            if (keyword.multiplicity() == SshdKeyword.Multiplicity.ACCUMULATES) {
                found.stream().filter(d -> d != winner).forEach(edits::delete);
            }
        } else if (placement instanceof Placement.InMatch) {
            insertInMatch(config, edits, (Placement.InMatch) placement, line);
        } else {
            int file = placement instanceof Placement.DropIn ? edits.dropIn(((Placement.DropIn) placement).fileName()) : 0;
            int at = firstMatchLine(config, edits.name(file));
            while (at > 0 && edits.lines.get(file).get(at - 1).strip().startsWith("#")) {
                at--;
            }
            edits.insert(file, at, line);
        }
        return edits.apply();
    }

    /** Like a global {@link #set}, but rewrites every global line of a single-valued keyword, not only the winner. */
    static SshdConfig setEverywhere(SshdConfig config, SshdKeyword keyword, List<String> values) {
        if (keyword.multiplicity() == SshdKeyword.Multiplicity.ACCUMULATES) {
            return set(config, Placement.global(), keyword, values);
        }
        String line = validate(Placement.global(), keyword, values);
        List<Directive> found = occurrences(config, Placement.global(), keyword);
        if (found.isEmpty()) {
            return set(config, Placement.global(), keyword, values);
        }
        Edits edits = new Edits(config);
        found.forEach(d -> edits.replace(d, line));
        return edits.apply();
    }

    static SshdConfig remove(SshdConfig config, Placement placement, SshdKeyword keyword) {
        Edits edits = new Edits(config);
        occurrences(config, placement, keyword).forEach(edits::delete);
        return edits.apply();
    }

    private static String validate(Placement placement, SshdKeyword keyword, List<String> values) {
        if (keyword.multiplicity() == SshdKeyword.Multiplicity.STRUCTURE || keyword.isObsolete()) {
            throw new ValidationException(keyword.wireName() + " cannot be set: "
                    + (keyword.isObsolete() ? "sshd ignores it" : "it is structure, not an option"));
        }
        if (values.isEmpty()) {
            throw new ValidationException(keyword.wireName() + " needs a value");
        }
        for (String v : values) {
            if (v == null || !SafeText.isSafe(v)) {
                throw new ValidationException("value for " + keyword.wireName()
                        + " must be non-empty text without line breaks, control characters, '#', quotes, backslashes or a leading '='");
            }
            if (keyword.kind() != SshdKeyword.Kind.LINE && (v.indexOf(' ') >= 0 || v.indexOf('\t') >= 0)) {
                throw new ValidationException("value for " + keyword.wireName()
                        + " must not contain white space (pass each argument separately)");
            }
        }
        Values.check(keyword, values).ifPresent(problem -> {
            throw new ValidationException(keyword.wireName() + ": " + problem);
        });
        if (placement instanceof Placement.InMatch && !keyword.allowedInMatch()) {
            throw new ValidationException(keyword.wireName() + " is not allowed within a Match block");
        }
        return keyword.wireName() + " " + String.join(" ", values);
    }

    private static List<Directive> occurrences(SshdConfig config, Placement placement, SshdKeyword keyword) {
        if (placement instanceof Placement.Global) {
            return config.directives(keyword).stream().filter(Directive::isGlobal).collect(Collectors.toList());
        }
        if (placement instanceof Placement.DropIn) {
            Optional<String> name = dropInPath(config, ((Placement.DropIn) placement).fileName()).map(Path::toString);
            return config.directives(keyword).stream()
                    .filter(d -> name.isPresent() && d.position().source().equals(name.get()) && d.conditions().isEmpty())
                    .collect(Collectors.toList());
        }
        Optional<MatchBlock> block = findBlock(config, ((Placement.InMatch) placement).condition());
        return config.directives(keyword).stream()
                .filter(d -> block.isPresent() && !d.conditions().isEmpty()
                        && d.conditions().get(d.conditions().size() - 1).equals(block.get()))
                .collect(Collectors.toList());
    }

    private static void insertInMatch(SshdConfig config, Edits edits, Placement.InMatch placement, String line) {
        Optional<MatchBlock> block = findBlock(config, placement.condition());
        if (block.isEmpty()) {
            List<String> main = edits.lines.get(0);
            if (!main.isEmpty() && !main.get(main.size() - 1).isBlank()) {
                main.add("");
            }
            main.add("Match " + placement.condition().strip());
            main.add(INDENT + line);
            return;
        }
        MatchBlock b = block.get();
        String source = b.position().source();
        List<Directive> inside = config.directives().stream()
                .filter(d -> d.position().source().equals(source) && !d.conditions().isEmpty()
                        && d.conditions().get(d.conditions().size() - 1).equals(b) && d.keyword() != SshdKeyword.MATCH)
                .collect(Collectors.toList());
        int after = inside.isEmpty() ? b.position().line() : inside.get(inside.size() - 1).position().line();
        String indent = inside.isEmpty() ? INDENT : leading(edits.line(inside.get(0)));
        edits.insert(edits.index(source), after, indent + line);
    }

    private static Optional<MatchBlock> findBlock(SshdConfig config, String condition) {
        String wanted = normalise(condition);
        return config.matchBlocks().stream().filter(b -> normalise(b.condition()).equals(wanted)).findFirst();
    }

    private static String normalise(String condition) {
        String[] words = condition.strip().split("[ \t]+");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = i % 2 == 0 ? MatchCriterion.Attribute.lookup(words[i]).map(Enum::name).orElse(words[i]) : words[i];
            sb.append(i == 0 ? "" : " ").append(w.toLowerCase(Locale.ROOT).equals("all") ? "ALL" : w);
        }
        return sb.toString();
    }

    /** The 0-based index before which a global line goes in the named file: its first Match line, or the end. */
    private static int firstMatchLine(SshdConfig config, String fileName) {
        return config.directives(SshdKeyword.MATCH).stream()
                .filter(d -> d.position().source().equals(fileName))
                .map(d -> d.position().line() - 1).min(Comparator.naturalOrder()).orElse(-1);
    }

    static Optional<Path> dropInPath(SshdConfig config, String fileName) {
        if (config.includeRoot().isEmpty()) {
            return Optional.empty();
        }
        for (Directive d : config.directives(SshdKeyword.INCLUDE)) {
            if (!d.conditions().isEmpty() || !d.position().source().equals(config.mainFile().name())) {
                continue;
            }
            for (String pattern : d.arguments()) {
                if (IncludeRoot.readsFromWorkingDirectory(pattern)) {
                    continue;
                }
                String absolute = config.includeRoot().get().resolve(pattern);
                Path candidate = Path.of(absolute).resolveSibling(fileName);
                if (Globs.matches(absolute, candidate.toString())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String leading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(0, i);
    }

    /** Line edits on copies of the files, applied bottom-up so that line numbers stay valid. */
    private static final class Edits {
        private final SshdConfig config;
        private final List<SshdConfigFile> files;
        private final List<List<String>> lines = new ArrayList<>();
        private final List<int[]> deletions = new ArrayList<>();

        Edits(SshdConfig config) {
            this.config = config;
            this.files = new ArrayList<>(config.files());
            for (SshdConfigFile f : files) {
                lines.add(new ArrayList<>(f.lines()));
            }
        }

        String name(int file) {
            return files.get(file).name();
        }

        int index(String source) {
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).name().equals(source)) {
                    return i;
                }
            }
            throw new IllegalStateException("no file " + source);
        }

        String line(Directive d) {
            return lines.get(index(d.position().source())).get(d.position().line() - 1);
        }

        void replace(Directive d, String text) {
            List<String> l = lines.get(index(d.position().source()));
            String old = l.get(d.position().line() - 1);
            l.set(d.position().line() - 1, leading(old) + text);
        }

        void delete(Directive d) {
            deletions.add(new int[] {index(d.position().source()), d.position().line() - 1});
        }

        /** Inserts before 0-based {@code at} ({@code -1}: at the end). */
        void insert(int file, int at, String text) {
            List<String> l = lines.get(file);
            l.add(at < 0 ? l.size() : at, text);
            for (int[] del : deletions) {
                if (del[0] == file && at >= 0 && del[1] >= at) {
                    del[1]++;
                }
            }
        }

        int dropIn(String fileName) {
            Path path = dropInPath(config, fileName).orElseThrow(() -> new ValidationException(
                    "drop-in " + fileName + " needs a configuration read from a file with an Include of a directory "
                            + "pattern such as sshd_config.d/*.conf that matches it"));
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).path().map(Path::toString).orElse("").equals(path.toString())) {
                    return i;
                }
            }
            files.add(new SshdConfigFile(path.toString(), Optional.of(path), ""));
            lines.add(new ArrayList<>(List.of("# Written by Bulwark; sshd reads drop-ins in lexical order, first value wins.")));
            return files.size() - 1;
        }

        SshdConfig apply() {
            deletions.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
            for (int[] del : deletions) {
                lines.get(del[0]).remove(del[1]);
            }
            List<SshdConfigFile> out = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                out.add(files.get(i).withText(SshdConfigFile.join(lines.get(i))));
            }
            try {
                return SshdConfig.reparse(out, config.includeRoot());
            } catch (ParseException e) {
                throw new ValidationException("the edit would make the configuration invalid: " + e.getMessage(), e);
            }
        }
    }
}
