package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.contract.TenantRepositoryContract;

/** The contract kit's {@link TenantRepository} contract on the embedded H2 (MODE=MySQL). */
class JdbcTenantRepositoryTest extends TenantRepositoryContract {
    @Override
    protected TenantRepository tenants() {
        return new JdbcTenantRepository(TestDatabases.h2().jdbc());
    }
}
