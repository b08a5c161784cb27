package dev.lethe.adapter.persistence;

/** The ForgettingCurveRepository contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcForgettingCurveRepositoryIT extends ForgettingCurveRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
