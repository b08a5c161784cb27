package dev.lethe.adapter.persistence;

/** The ItemRepository contract on the embedded H2 (MODE=MySQL). */
class JdbcItemRepositoryTest extends ItemRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
