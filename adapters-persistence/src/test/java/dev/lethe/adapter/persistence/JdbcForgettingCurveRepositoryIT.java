package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.contract.ForgettingCurveRepositoryContract;

/** The contract kit's {@link ForgettingCurveRepository} contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcForgettingCurveRepositoryIT extends ForgettingCurveRepositoryContract {
    @Override
    protected ForgettingCurveRepository curves() {
        return new JdbcForgettingCurveRepository(TestDatabases.external().jdbc());
    }
}
