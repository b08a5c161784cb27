package dev.lethe.application.port.in;

import dev.lethe.domain.tenant.Tenant;
import java.util.List;

/** The platform operator's list of tenants. Blocks on the store. */
public interface ListTenantsUseCase {

    /** Every tenant, ordered by id. */
    List<Tenant> tenants();
}
