package dev.lethe.adapter.persistence;

/** The TenantRepository contract on the embedded H2 (MODE=MySQL). */
class JdbcTenantRepositoryTest extends TenantRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
