package dev.bulwark.firewall.parse;

/** The default verdict of a base chain: what happens to a packet no rule decided. */
public enum Policy {
    /** Let the packet through. */
    ACCEPT,
    /** Discard the packet silently. */
    DROP
}
