package dev.lethe.adapter.persistence;

/** The ModelRegistry contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcModelRegistryIT extends JdbcModelRegistryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
