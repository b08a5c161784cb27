package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.domain.Ids;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.Tuning;
import dev.lethe.domain.training.JobLease;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.TrainingStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Training jobs in {@code training_jobs}, claimed by one process at a time under a lease (row lock with
 * {@code SKIP LOCKED}, so concurrent claimers never wait on each other or take the same job). The
 * status line is a human progress message and is cut to {@value #MAX_MESSAGE_LENGTH} characters, the
 * failure reason to {@value #MAX_ERROR_LENGTH}, rather than failing a job's progress update over its
 * wording.
 */
final class JdbcTrainingJobRepository implements TrainingJobRepository {
    static final int MAX_MESSAGE_LENGTH = 2000;
    static final int MAX_ERROR_LENGTH = 16_000;

    private static final String COLUMNS = """
            job_id, family, activation, status, progress, message, model_version, error, attempts, owner, lease_expires_at, created_at, \
            updated_at, tune_budget_seconds, tune_seed, tune_max_trials""";
    /**
     * The new values are bound twice (insert, then update) instead of read back with {@code VALUES()},
     * which MySQL 8.0.20+ deprecates; the row-alias form that replaces it is not accepted by MariaDB.
     * A job's tuning request is set when it is created and never changes, so the update leaves it.
     */
    private static final String UPSERT = """
            INSERT INTO training_jobs
                (tenant_id, job_id, family, activation, status, progress, message, model_version, error, attempts, owner, lease_expires_at,
                 created_at, updated_at, tune_budget_seconds, tune_seed, tune_max_trials)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
                family = ?, activation = ?, status = ?, progress = ?, message = ?, model_version = ?, error = ?, attempts = ?,
                owner = ?, lease_expires_at = ?, updated_at = ?
            """;
    /** Writes only while the caller still holds the lease: a process that lost it (it stalled, another claimed the job) is refused. */
    private static final String UPDATE_IF_LEASED = """
            UPDATE training_jobs
            SET status = ?, progress = ?, message = ?, model_version = ?, error = ?, attempts = ?, owner = ?, lease_expires_at = ?,
                updated_at = ?
            WHERE tenant_id = ? AND job_id = ? AND status = 'RUNNING' AND owner = ?
            """;
    /** Only for a row this transaction holds locked: the lock is what makes the unconditional write safe. */
    private static final String UPDATE_LOCKED = UPDATE_IF_LEASED.substring(0, UPDATE_IF_LEASED.indexOf(" AND status = 'RUNNING'"));
    /**
     * Rows another transaction has locked (being claimed right now) are skipped, not waited for. A RUNNING
     * row without a lease was left by a release before leases existed: its owner is gone.
     */
    private static final String NEXT_CLAIMABLE = """
            SELECT tenant_id, %s FROM training_jobs
            WHERE status = 'QUEUED' OR (status = 'RUNNING' AND (lease_expires_at IS NULL OR lease_expires_at < ?))
            ORDER BY created_at, tenant_id, job_id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """.formatted(COLUMNS);
    /** How many lease-expired jobs one claim gives up on at most before it returns. */
    static final int MAX_ABANDONED_PER_CLAIM = 100;
    private static final String DELETE_METRICS = "DELETE FROM training_job_metrics WHERE tenant_id = ? AND job_id = ?";
    private static final String INSERT_METRIC = """
            INSERT INTO training_job_metrics (tenant_id, job_id, metric_name, metric_value) VALUES (?, ?, ?, ?)
            """;
    private static final String METRICS = "SELECT metric_name, metric_value FROM training_job_metrics WHERE tenant_id = ? AND job_id = ?";
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
        validate(job);
        String tenant = job.tenantId().value();
        jdbc.transaction("save training job " + job.id() + " of tenant " + tenant, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, tenant);
                upsert.setString(2, job.id());
                upsert.setString(3, job.family());
                upsert.setString(4, job.activation().name());
                bindState(upsert, 5, job);
                Jdbc.setInstant(upsert, 13, job.createdAt());
                Jdbc.setInstant(upsert, 14, job.updatedAt());
                bindTuning(upsert, 15, job.tuning());
                upsert.setString(18, job.family());
                upsert.setString(19, job.activation().name());
                bindState(upsert, 20, job);
                Jdbc.setInstant(upsert, 28, job.updatedAt());
                upsert.executeUpdate();
            }
            NamedNumbers.replace(connection, DELETE_METRICS, INSERT_METRIC, job.metrics(), tenant, job.id());
            return null;
        });
    }

    @Override
    public boolean saveIfLeased(TrainingJob job, String owner) {
        validate(job);
        Jdbc.requireText("owner", owner, JobLease.MAX_OWNER_LENGTH);
        String tenant = job.tenantId().value();
        return jdbc.transaction("save training job " + job.id() + " of tenant " + tenant + " leased by " + owner, connection -> {
            boolean held = updateIfLeased(connection, job, owner);
            if (held) {
                NamedNumbers.replace(connection, DELETE_METRICS, INSERT_METRIC, job.metrics(), tenant, job.id());
            }
            return held;
        });
    }

    @Override
    public Optional<TrainingJob> claimNext(String owner, Instant now, Instant leaseExpiresAt, int maxAttempts) {
        Jdbc.requireText("owner", owner, JobLease.MAX_OWNER_LENGTH);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive, got: " + maxAttempts);
        }
        return jdbc.transaction("claim a training job for " + owner, connection -> {
            for (int abandoned = 0; abandoned < MAX_ABANDONED_PER_CLAIM; abandoned++) {
                Optional<TrainingJob> next = nextClaimable(connection, now);
                if (next.isEmpty()) {
                    return Optional.<TrainingJob>empty();
                }
                TrainingJob job = next.get();
                if (job.status() == TrainingStatus.RUNNING && job.attempts() >= maxAttempts) {
                    writeLocked(connection, job.abandoned(maxAttempts, now));
                    continue;
                }
                TrainingJob claimed = job.claimed(owner, leaseExpiresAt, now);
                writeLocked(connection, claimed);
                NamedNumbers.replace(connection, DELETE_METRICS, INSERT_METRIC, claimed.metrics(), claimed.tenantId().value(), claimed.id());
                return Optional.of(claimed);
            }
            return Optional.<TrainingJob>empty();
        });
    }

    private static Optional<TrainingJob> nextClaimable(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(NEXT_CLAIMABLE)) {
            Jdbc.setInstant(select, 1, now);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(job(connection, new TenantId(row.getString("tenant_id")), row)) : Optional.empty();
            }
        }
    }

    /** Writes the new state of a row this transaction has locked. */
    private static void writeLocked(Connection connection, TrainingJob job) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_LOCKED)) {
            bindState(update, 1, job);
            Jdbc.setInstant(update, 9, job.updatedAt());
            update.setString(10, job.tenantId().value());
            update.setString(11, job.id());
            update.executeUpdate();
        }
    }

    private static boolean updateIfLeased(Connection connection, TrainingJob job, String owner) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_IF_LEASED)) {
            bindState(update, 1, job);
            Jdbc.setInstant(update, 9, job.updatedAt());
            update.setString(10, job.tenantId().value());
            update.setString(11, job.id());
            update.setString(12, owner);
            return update.executeUpdate() == 1;
        }
    }

    /** Binds status, progress, message, model version, error, attempts, owner and lease expiry from {@code first} on. */
    private static void bindState(PreparedStatement statement, int first, TrainingJob job) throws SQLException {
        statement.setString(first, job.status().name());
        statement.setDouble(first + 1, job.progress());
        statement.setString(first + 2, cut(job.message(), MAX_MESSAGE_LENGTH));
        if (job.modelVersion().isPresent()) {
            statement.setInt(first + 3, job.modelVersion().get());
        } else {
            statement.setNull(first + 3, Types.INTEGER);
        }
        statement.setString(first + 4, job.error().map(error -> cut(error, MAX_ERROR_LENGTH)).orElse(null));
        statement.setInt(first + 5, job.attempts());
        statement.setString(first + 6, job.lease().map(JobLease::owner).orElse(null));
        if (job.lease().isPresent()) {
            Jdbc.setInstant(statement, first + 7, job.lease().get().expiresAt());
        } else {
            statement.setNull(first + 7, Types.VARCHAR);
        }
    }

    private static void validate(TrainingJob job) {
        Objects.requireNonNull(job, "job");
        Ids.require("jobId", job.id());
        Jdbc.requireText("family", job.family(), JdbcModelRegistry.MAX_NAME_LENGTH);
        NamedNumbers.validate("metrics", job.metrics());
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
        if (Jdbc.requireLimit(limit) == 0) {
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

    /** The job's search request in three columns from {@code first}; NULLs when it asks for none. */
    private static void bindTuning(PreparedStatement statement, int first, Optional<Tuning> tuning) throws SQLException {
        if (tuning.isPresent()) {
            statement.setInt(first, tuning.get().budgetSeconds());
            statement.setLong(first + 1, tuning.get().seed());
            statement.setInt(first + 2, tuning.get().maxTrials());
        } else {
            statement.setNull(first, Types.INTEGER);
            statement.setNull(first + 1, Types.BIGINT);
            statement.setNull(first + 2, Types.INTEGER);
        }
    }

    private static Optional<Tuning> tuning(ResultSet row) throws SQLException {
        int budget = row.getInt("tune_budget_seconds");
        if (row.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new Tuning(budget, row.getLong("tune_seed"), row.getInt("tune_max_trials")));
    }

    private static TrainingJob job(Connection connection, TenantId tenantId, ResultSet row) throws SQLException {
        String jobId = row.getString("job_id");
        int modelVersion = row.getInt("model_version");
        Optional<Integer> version = row.wasNull() ? Optional.empty() : Optional.of(modelVersion);
        Map<String, Double> metrics = NamedNumbers.read(connection, METRICS, tenantId.value(), jobId);
        String owner = row.getString("owner");
        Optional<JobLease> lease = owner == null || row.getObject("lease_expires_at") == null
                ? Optional.empty() : Optional.of(new JobLease(owner, Jdbc.getInstant(row, "lease_expires_at")));
        return new TrainingJob(jobId, tenantId, row.getString("family"), Activation.valueOf(row.getString("activation")),
                TrainingStatus.valueOf(row.getString("status")), row.getDouble("progress"), row.getString("message"), metrics, version,
                Optional.ofNullable(row.getString("error")), row.getInt("attempts"), lease,
                Jdbc.getInstant(row, "created_at"), Jdbc.getInstant(row, "updated_at"), tuning(row));
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
