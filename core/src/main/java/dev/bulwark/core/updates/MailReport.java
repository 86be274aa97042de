package dev.bulwark.core.updates;

/** When unattended-upgrades mails its report ({@code Unattended-Upgrade::MailReport}). */
public enum MailReport {
    /** After every run. */
    ALWAYS("always"),
    /** Only when packages were upgraded or something failed. */
    ON_CHANGE("on-change"),
    /** Only when something failed. */
    ONLY_ON_ERROR("only-on-error");

    private final String wireName;

    MailReport(String wireName) {
        this.wireName = wireName;
    }

    /** The value as unattended-upgrades spells it, such as {@code on-change}. */
    public String wireName() {
        return wireName;
    }
}
