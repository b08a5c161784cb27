package dev.lethe.domain.tenant;

import java.util.Locale;

/** The business a tenant runs; it sets default behaviour weights and forgetting curves. */
public enum TenantKind {
    ECOMMERCE(14), VIDEO(30), FINANCE(90);

    private final double defaultHalfLifeDays;

    TenantKind(double defaultHalfLifeDays) {
        this.defaultHalfLifeDays = defaultHalfLifeDays;
    }

    /** The half-life used until a curve has been fitted on the tenant's own data. */
    public double defaultHalfLifeDays() {
        return defaultHalfLifeDays;
    }

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
