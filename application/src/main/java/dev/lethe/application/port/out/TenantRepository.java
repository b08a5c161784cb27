package dev.lethe.application.port.out;

import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tenants and their API keys (only a hash of a key is ever stored; a key's id is {@link ApiKey#idOf} its
 * hash). Blocks; throws {@link PersistenceException}.
 */
public interface TenantRepository {

    /** Stores a new tenant with the hash of its first API key; false when the id is taken. */
    boolean create(Tenant tenant, String apiKeyHash);

    /** The tenant with that id. */
    Optional<Tenant> find(TenantId tenantId);

    /** The tenant owning the active (not revoked) key with that hash. */
    Optional<Tenant> findByApiKeyHash(String apiKeyHash);

    /** True when any key, active or revoked, of any tenant has that hash: a revoked key is never given out again. */
    boolean apiKeyHashTaken(String apiKeyHash);

    /** Every tenant, ordered by id. */
    List<Tenant> list();

    /**
     * Adds a key to an existing tenant; false, and nothing stored, when a key with that hash (or, by a
     * 1 in 2^48 chance, that id) exists already, of any tenant.
     */
    boolean addKey(TenantId tenantId, String apiKeyHash, Instant createdAt);

    /** The tenant's keys, active and revoked, oldest first. */
    List<ApiKey> keys(TenantId tenantId);

    /** Revokes the tenant's active key with that id as of {@code at}; false when it has no such active key. */
    boolean revokeKey(TenantId tenantId, String keyId, Instant at);

    /**
     * Erases the tenant and everything stored for it: behaviours, items, forgetting curves, model versions,
     * training jobs, API keys. The behaviours go in chunks of their own transactions, the rest and the tenant
     * row last in one, so a failed erasure leaves the tenant in place and can simply be repeated. False when
     * there is no such tenant.
     */
    boolean delete(TenantId tenantId);
}
