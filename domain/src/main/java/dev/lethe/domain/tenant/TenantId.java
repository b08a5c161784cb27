package dev.lethe.domain.tenant;

import dev.lethe.domain.Ids;

/** Identifies an isolated customer of the platform. */
public record TenantId(String value) {
    public TenantId {
        Ids.require("tenantId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
