package dev.lethe.adapter.persistence;

/** The tenant erasure contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcTenantErasureIT extends TenantErasureContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
