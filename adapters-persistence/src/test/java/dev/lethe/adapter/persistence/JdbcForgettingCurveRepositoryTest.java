package dev.lethe.adapter.persistence;

/** The ForgettingCurveRepository contract on the embedded H2 (MODE=MySQL). */
class JdbcForgettingCurveRepositoryTest extends ForgettingCurveRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
