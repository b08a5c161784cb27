package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.util.Objects;

/** What creating a tenant led to. */
public sealed interface CreateTenantResult {

    /** Created; {@code apiKey} is the only time the clear key is ever visible. */
    record Created(Tenant tenant, String apiKey) implements CreateTenantResult {
        public Created {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(apiKey, "apiKey");
        }

        @Override
        public String toString() {
            return "Created[tenant=" + tenant + ", apiKey=***]";
        }
    }

    /** A tenant with that id exists already; nothing changed. */
    record AlreadyExists(TenantId tenantId) implements CreateTenantResult {}

    /** The explicit API key is already some tenant's key; nothing changed. */
    record KeyInUse(TenantId tenantId) implements CreateTenantResult {}
}
