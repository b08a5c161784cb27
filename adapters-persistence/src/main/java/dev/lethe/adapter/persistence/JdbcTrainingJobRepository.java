package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.Ids;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.TrainingStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Training jobs in {@code training_jobs}. The status line is a human progress message and is cut to
 * {@value #MAX_MESSAGE_LENGTH} characters, the failure reason to {@value #MAX_ERROR_LENGTH}, rather than
 * failing a job's progress update over its wording.
 */
final class JdbcTrainingJobRepository implements TrainingJobRepository {
    static final int MAX_MESSAGE_LENGTH = 2000;
    static final int MAX_ERROR_LENGTH = 16_000;

    private static final String UPSERT = """
            INSERT INTO training_jobs
                (tenant_id, job_id, family, status, progress, message, model_version, error, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
                family = VALUES(family), status = VALUES(status), progress = VALUES(progress), message = VALUES(message),
                model_version = VALUES(model_version), error = VALUES(error), updated_at = VALUES(updated_at)
            """;
    private static final String DELETE_METRICS = "DELETE FROM training_job_metrics WHERE tenant_id = ? AND job_id = ?";
    private static final String INSERT_METRIC = """
            INSERT INTO training_job_metrics (tenant_id, job_id, metric_name, metric_value) VALUES (?, ?, ?, ?)
            """;
    private static final String METRICS = "SELECT metric_name, metric_value FROM training_job_metrics WHERE tenant_id = ? AND job_id = ?";
    private static final String COLUMNS = "job_id, family, status, progress, message, model_version, error, created_at, updated_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM training_jobs WHERE tenant_id = ? AND job_id = ?";
    private static final String LIST = """
            SELECT %s FROM training_jobs WHERE tenant_id = ?
            ORDER BY created_at DESC, job_id DESC
            LIMIT ?
            """.formatted(COLUMNS);

    private final Jdbc jdbc;

    JdbcTrainingJobRepository(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void save(TrainingJob job) {
        Objects.requireNonNull(job, "job");
        Ids.require("jobId", job.id());
        Jdbc.requireText("family", job.family(), JdbcModelRegistry.MAX_NAME_LENGTH);
        NamedNumbers.validate("metrics", job.metrics());
        String tenant = job.tenantId().value();
        jdbc.transaction("save training job " + job.id() + " of tenant " + tenant, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, tenant);
                upsert.setString(2, job.id());
                upsert.setString(3, job.family());
                upsert.setString(4, job.status().name());
                upsert.setDouble(5, job.progress());
                upsert.setString(6, cut(job.message(), MAX_MESSAGE_LENGTH));
                if (job.modelVersion().isPresent()) {
                    upsert.setInt(7, job.modelVersion().get());
                } else {
                    upsert.setNull(7, Types.INTEGER);
                }
                upsert.setString(8, job.error().map(error -> cut(error, MAX_ERROR_LENGTH)).orElse(null));
                Jdbc.setInstant(upsert, 9, job.createdAt());
                Jdbc.setInstant(upsert, 10, job.updatedAt());
                upsert.executeUpdate();
            }
            NamedNumbers.replace(connection, DELETE_METRICS, INSERT_METRIC, job.metrics(), tenant, job.id());
            return null;
        });
    }

    @Override
    public Optional<TrainingJob> find(TenantId tenantId, String jobId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Ids.require("jobId", jobId);
        return jdbc.read("read training job " + jobId + " of tenant " + tenantId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setString(1, tenantId.value());
                select.setString(2, jobId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(job(connection, tenantId, row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<TrainingJob> list(TenantId tenantId, int limit) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return jdbc.read("list the training jobs of tenant " + tenantId, connection -> {
            List<TrainingJob> jobs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(LIST)) {
                select.setString(1, tenantId.value());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(job(connection, tenantId, rows));
                    }
                }
            }
            return List.copyOf(jobs);
        });
    }

    private static TrainingJob job(Connection connection, TenantId tenantId, ResultSet row) throws SQLException {
        String jobId = row.getString("job_id");
        int modelVersion = row.getInt("model_version");
        Optional<Integer> version = row.wasNull() ? Optional.empty() : Optional.of(modelVersion);
        Map<String, Double> metrics = NamedNumbers.read(connection, METRICS, tenantId.value(), jobId);
        return new TrainingJob(jobId, tenantId, row.getString("family"), TrainingStatus.valueOf(row.getString("status")),
                row.getDouble("progress"), row.getString("message"), metrics, version, Optional.ofNullable(row.getString("error")),
                Jdbc.getInstant(row, "created_at"), Jdbc.getInstant(row, "updated_at"));
    }

    private static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character outside the basic plane
        }
        return text.substring(0, end) + "…";
    }
}
