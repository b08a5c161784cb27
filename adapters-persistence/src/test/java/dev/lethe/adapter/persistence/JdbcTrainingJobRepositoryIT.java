package dev.lethe.adapter.persistence;

/** The TrainingJobRepository contract on a real MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}). */
class JdbcTrainingJobRepositoryIT extends JdbcTrainingJobRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.external();
    }
}
