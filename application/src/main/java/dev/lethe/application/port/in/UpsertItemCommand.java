package dev.lethe.application.port.in;

import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.util.Objects;

/** Creates or replaces one catalogue item of a tenant. */
public record UpsertItemCommand(TenantId tenantId, Item item) {
    public UpsertItemCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(item, "item");
    }
}
