package dev.lethe.adapter.persistence;

/** The ItemRepository contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcItemRepositoryIT extends ItemRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
