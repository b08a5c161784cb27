package dev.lethe.adapter.persistence;

/** The behaviour repository contract on the embedded H2 (MODE=MySQL). */
class JdbcBehaviorRepositoryTest extends JdbcBehaviorRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
