package dev.bulwark.firewall;

/** What a rule, or a default policy, does with the traffic it matches. */
public enum Action {
    /** Let the traffic through. */
    ALLOW("allow"),
    /** Drop it silently. */
    DENY("deny"),
    /** Drop it and tell the sender (ICMP port unreachable, or a TCP reset). */
    REJECT("reject"),
    /**
     * Allow new connections from one source at a bounded rate (ufw's {@code limit}: a source that
     * opens 6 or more connections within 30 seconds is rejected); only valid on rules.
     */
    LIMIT("limit");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /** The name ufw uses for this action: {@code allow}, {@code deny}, {@code reject}, {@code limit}. */
    public String wireName() {
        return wireName;
    }

    /** Whether traffic that this action decides about gets through (ALLOW and LIMIT under the rate). */
    public boolean admits() {
        return this == ALLOW || this == LIMIT;
    }
}
