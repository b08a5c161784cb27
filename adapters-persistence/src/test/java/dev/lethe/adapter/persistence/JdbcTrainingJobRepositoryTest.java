package dev.lethe.adapter.persistence;

/** The TrainingJobRepository contract on the embedded H2 (MODE=MySQL). */
class JdbcTrainingJobRepositoryTest extends JdbcTrainingJobRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
