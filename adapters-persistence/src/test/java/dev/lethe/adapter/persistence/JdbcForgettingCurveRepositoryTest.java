package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.contract.ForgettingCurveRepositoryContract;

/** The contract kit's {@link ForgettingCurveRepository} contract on the embedded H2 (MODE=MySQL). */
class JdbcForgettingCurveRepositoryTest extends ForgettingCurveRepositoryContract {
    @Override
    protected ForgettingCurveRepository curves() {
        return new JdbcForgettingCurveRepository(TestDatabases.h2().jdbc());
    }
}
