package dev.lethe.domain.tenant;

import java.util.Locale;

/** The business a tenant runs; it sets default behaviour weights and forgetting curves. */
public enum TenantKind {
    ECOMMERCE, VIDEO, FINANCE;

    /** Parses {@code ecommerce|video|finance}, case-insensitively. */
    public static TenantKind parse(String text) {
        if (text != null) {
            for (TenantKind kind : values()) {
                if (kind.name().equalsIgnoreCase(text.trim())) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("tenant kind must be one of ecommerce, video, finance, got: " + text);
    }

    /** The lower-case wire name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
