package dev.lethe.adapter.persistence;

/** The behaviour repository contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcBehaviorRepositoryIT extends JdbcBehaviorRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
