package dev.lethe.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.in.ManageModelsUseCase.UnservableVersionException;
import dev.lethe.application.port.out.ConstraintViolationException;
import dev.lethe.application.port.out.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureHandlerTest {

    @Test
    void aConstraintViolationIsTheRequestsFaultNotAnOutage() {
        Problem problem = FailureHandler.toProblem(new ConstraintViolationException("could not store item",
                new SQLException("Duplicate entry", "23000", 1062)), -1);

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.code()).isEqualTo("constraint_violation");
    }

    @Test
    void aVersionThisServerCannotServeIsAConflictNamingTheVersionAndTheReason() {
        Problem problem = FailureHandler.toProblem(new UnservableVersionException(3, "version 3 (family seq-knn) was trained by the knn engine"), -1);

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.code()).isEqualTo("version_not_servable");
        assertThat(problem.field()).contains("version");
        assertThat(problem.getMessage()).contains("knn engine");
    }

    @Test
    void anyOtherStoreFailureIsUnavailable() {
        Problem problem = FailureHandler.toProblem(new PersistenceException("could not read", new SQLException("gone", "08S01")), -1);

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("store_unavailable");
    }
}
