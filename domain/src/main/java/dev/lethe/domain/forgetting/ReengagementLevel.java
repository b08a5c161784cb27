package dev.lethe.domain.forgetting;

/** What a re-engagement is measured on: coming back to the same item, or to the same category. */
public enum ReengagementLevel {
    ITEM, CATEGORY;

    /** The lower-case wire name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
