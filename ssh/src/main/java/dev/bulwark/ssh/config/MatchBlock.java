package dev.bulwark.ssh.config;

import dev.bulwark.core.Position;
import dev.bulwark.core.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@code Match} line: its criteria (all must hold) and where it is. The block it opens runs
 * to the next {@code Match} line or the end of its file.
 *
 * @param criteria the criteria, ANDed
 * @param position where the {@code Match} line is
 */
public record MatchBlock(List<MatchCriterion> criteria, Position position) {

    /** Validates and copies the components. */
    public MatchBlock {
        criteria = List.copyOf(criteria);
        Objects.requireNonNull(position, "position");
        if (criteria.isEmpty()) {
            throw new ValidationException("a Match block needs at least one criterion");
        }
    }

    /** Whether this is {@code Match All}, which sshd treats as active even at startup. */
    public boolean isAll() {
        return criteria.size() == 1 && criteria.get(0).attribute() == MatchCriterion.Attribute.ALL;
    }

    /** Whether the connection satisfies every criterion. */
    public boolean matches(ConnectionSpec connection) {
        return criteria.stream().allMatch(c -> c.matches(connection));
    }

    /** The criteria as written after {@code Match}, e.g. {@code User alice Address 10.0.0.0/8}. */
    public String condition() {
        return criteria.stream().map(MatchCriterion::toString).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "Match " + condition() + " (" + position.source() + ":" + position.line() + ")";
    }
}
