package dev.bulwark.ssh.config;

import dev.bulwark.core.Position;
import java.util.List;
import java.util.Objects;

/**
 * One keyword line of an sshd_config (or of a file it includes), in the order sshd processes it.
 *
 * @param keyword    the keyword (aliases resolved)
 * @param written    the keyword as written in the file
 * @param arguments  the arguments after quote removal
 * @param rest       the raw text after the keyword, for keywords that take the rest of the line
 * @param position   where the line is
 * @param conditions the {@code Match} blocks that govern the line, outermost first (empty: global);
 *                   for a {@code Match} line, the block it opens is the last one
 */
public record Directive(SshdKeyword keyword, String written, List<String> arguments, String rest,
                        Position position, List<MatchBlock> conditions) {

    /** Validates and copies the components. */
    public Directive {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(written, "written");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(position, "position");
        conditions = List.copyOf(conditions);
    }

    /** Whether sshd applies the line at startup: outside any Match block, or only inside {@code Match All}. */
    public boolean isGlobal() {
        return conditions.stream().allMatch(MatchBlock::isAll);
    }

    /** Whether the line applies to this connection. */
    public boolean appliesTo(ConnectionSpec connection) {
        return conditions.stream().allMatch(m -> m.matches(connection));
    }

    /** {@code file:line}, for findings. */
    public String location() {
        return position.source() + ":" + position.line();
    }

    /** The arguments joined by single spaces. */
    public String value() {
        return String.join(" ", arguments);
    }

    @Override
    public String toString() {
        return location() + ": " + written + " " + value();
    }
}
