package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.contract.ItemRepositoryContract;
import java.time.Clock;

/** The contract kit's {@link ItemRepository} contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcItemRepositoryIT extends ItemRepositoryContract {
    @Override
    protected ItemRepository items() {
        return new JdbcItemRepository(TestDatabases.external().jdbc(), Clock.systemUTC());
    }
}
