package dev.lethe.domain.forgetting;

/**
 * What a re-engagement is measured on: coming back to the same item, to the same category, or to the
 * platform at all (any behaviour of the user: the level at which a user's total rate is stable when
 * their interests move between categories).
 */
public enum ReengagementLevel {
    ITEM, CATEGORY, USER;

    /** The lower-case wire name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
