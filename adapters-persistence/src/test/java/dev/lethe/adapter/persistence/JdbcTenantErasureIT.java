package dev.lethe.adapter.persistence;

/** The tenant erasure contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcTenantErasureIT extends JdbcTenantErasureContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
