package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.contract.TenantRepositoryContract;

/** The contract kit's {@link TenantRepository} contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcTenantRepositoryIT extends TenantRepositoryContract {
    @Override
    protected TenantRepository tenants() {
        return new JdbcTenantRepository(TestDatabases.external().jdbc());
    }
}
