package dev.lethe.adapter.persistence;

/** The behaviour repository contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcBehaviorRepositoryIT extends BehaviorRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
