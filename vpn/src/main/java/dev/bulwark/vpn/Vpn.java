package dev.bulwark.vpn;

/**
 * The front door of Bulwark's vpn module: static methods that lead to the rest (WireGuard and OpenVPN configurations).
 * Type {@code Vpn.} and press Tab in JShell to see what you can do.
 */
public final class Vpn {

    private Vpn() {
    }
}
