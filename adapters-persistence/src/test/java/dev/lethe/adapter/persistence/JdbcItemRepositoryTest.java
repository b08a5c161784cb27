package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.contract.ItemRepositoryContract;
import java.time.Clock;

/** The contract kit's {@link ItemRepository} contract on the embedded H2 (MODE=MySQL). */
class JdbcItemRepositoryTest extends ItemRepositoryContract {
    @Override
    protected ItemRepository items() {
        return new JdbcItemRepository(TestDatabases.h2().jdbc(), Clock.systemUTC());
    }
}
