package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.Tenant;
import java.util.Optional;

/** Finds the tenant an API key belongs to. Blocks on the store; throws {@code PersistenceException}. */
public interface AuthenticateTenantUseCase {

    /** The key's tenant; empty for an unknown or malformed key. */
    Optional<Tenant> authenticate(String apiKey);
}
