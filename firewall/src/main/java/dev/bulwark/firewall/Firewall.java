package dev.bulwark.firewall;

/**
 * The front door of Bulwark's firewall module: static methods that lead to the rest (policies, renderers, parsers, exposure analysis).
 * Type {@code Firewall.} and press Tab in JShell to see what you can do.
 */
public final class Firewall {

    private Firewall() {
    }
}
