package dev.bulwark.firewall.parse;

import dev.bulwark.core.Position;
import java.util.Objects;

/**
 * A line a lenient parse could not read, kept verbatim with the reason.
 *
 * @param position where the line is
 * @param text     the line, verbatim
 * @param reason   why it was not understood
 */
public record Unparsed(Position position, String text, String reason) {

    /** Validates the components. */
    public Unparsed {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
    }
}
