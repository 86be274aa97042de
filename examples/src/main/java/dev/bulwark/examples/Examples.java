package dev.bulwark.examples;

/** Where the examples live; each measure's example is a class of its own in this package. */
public final class Examples {

    private Examples() {
    }
}
