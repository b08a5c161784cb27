package dev.lethe.adapter.persistence;

/** The tenant erasure contract on the embedded H2 (MODE=MySQL). */
class JdbcTenantErasureTest extends JdbcTenantErasureContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
