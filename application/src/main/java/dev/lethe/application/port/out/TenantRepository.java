package dev.lethe.application.port.out;

import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Tenants and their API keys (only a hash of a key is ever stored). Blocks; throws {@link PersistenceException}. */
public interface TenantRepository {

    /** Stores a new tenant with the hash of its first API key; false when the id is taken. */
    boolean create(Tenant tenant, String apiKeyHash);

    /** The tenant with that id. */
    Optional<Tenant> find(TenantId tenantId);

    /** The tenant owning the key with that hash. */
    Optional<Tenant> findByApiKeyHash(String apiKeyHash);

    /** Every tenant, ordered by id. */
    List<Tenant> list();
}
