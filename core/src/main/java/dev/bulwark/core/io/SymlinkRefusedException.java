package dev.bulwark.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safe write of an owner-only file (a secret) met a symbolic link where it would write, at the
 * target or as its parent directory, and refused to follow it: a link planted by another user could
 * otherwise redirect the secret to where they can read it.
 */
public class SymlinkRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path link;

    /**
     * A refusal naming the link.
     *
     * @param link the symbolic link met
     * @param what what the link stands in for, e.g. {@code "the target"}
     */
    public SymlinkRefusedException(Path link, String what) {
        super("refusing to write a secret through a symbolic link: " + what + " " + link
                + " is a symbolic link; remove it or write the secret to a real path");
        this.link = link;
    }

    /** The symbolic link that was refused. */
    public Path link() {
        return link;
    }
}
