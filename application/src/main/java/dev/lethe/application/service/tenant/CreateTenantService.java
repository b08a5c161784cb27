package dev.lethe.application.service.tenant;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.Tenant;
import java.security.SecureRandom;
import java.time.Clock;

/** Creates tenants with an explicit or random first API key and stores only the key's hash. */
public final class CreateTenantService implements CreateTenantUseCase {
    private final TenantRepository tenants;
    private final SecureRandom random;
    private final Clock clock;

    public CreateTenantService(TenantRepository tenants, SecureRandom random, Clock clock) {
        this.tenants = tenants;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public CreateTenantResult create(CreateTenantCommand command) {
        if (tenants.find(command.tenantId()).isPresent()) {
            return new CreateTenantResult.AlreadyExists(command.tenantId());
        }
        String key = command.apiKey().orElseGet(() -> ApiKeys.generate(random));
        String hash = ApiKeys.hash(key);
        if (tenants.apiKeyHashTaken(hash)) {
            return new CreateTenantResult.KeyInUse(command.tenantId());
        }
        Tenant tenant = new Tenant(command.tenantId(), command.name(), command.kind(), clock.instant());
        if (!tenants.create(tenant, hash)) {
            return new CreateTenantResult.AlreadyExists(command.tenantId());
        }
        return new CreateTenantResult.Created(tenant, key);
    }
}
