package dev.lethe.adapter.persistence;

/** The behaviour repository contract on the embedded H2 (MODE=MySQL). */
class JdbcBehaviorRepositoryTest extends BehaviorRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
