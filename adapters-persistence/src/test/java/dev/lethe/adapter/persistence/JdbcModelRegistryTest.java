package dev.lethe.adapter.persistence;

/** The ModelRegistry contract on the embedded H2 (MODE=MySQL). */
class JdbcModelRegistryTest extends JdbcModelRegistryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
