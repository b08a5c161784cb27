package dev.lethe.application.service.tenant;

import dev.lethe.application.port.in.ListTenantsUseCase;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.Tenant;
import java.util.List;

/** Lists the tenants from the store. */
public final class ListTenantsService implements ListTenantsUseCase {
    private final TenantRepository tenants;

    public ListTenantsService(TenantRepository tenants) {
        this.tenants = tenants;
    }

    @Override
    public List<Tenant> tenants() {
        return tenants.list();
    }
}
