package dev.lethe.application.service.tenant;

import dev.lethe.application.port.in.AuthenticateTenantUseCase;
import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.Tenant;
import java.util.Optional;

/** Looks a key up by its hash; keys of impossible length are refused without touching the store. */
public final class AuthenticateTenantService implements AuthenticateTenantUseCase {
    private final TenantRepository tenants;

    public AuthenticateTenantService(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    public Optional<Tenant> authenticate(String apiKey) {
        if (apiKey == null || apiKey.length() < CreateTenantCommand.MIN_KEY_LENGTH || apiKey.length() > CreateTenantCommand.MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return tenants.findByApiKeyHash(ApiKeys.hash(apiKey));
    }
}
