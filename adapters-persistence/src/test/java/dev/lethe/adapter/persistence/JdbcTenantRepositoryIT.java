package dev.lethe.adapter.persistence;

/** The TenantRepository contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcTenantRepositoryIT extends TenantRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
