-- Registered model versions. At most one active version per tenant is enforced by the database:
-- active_tenant is the tenant id while the row is active and NULL otherwise, and NULLs never collide
-- in a UNIQUE index, so a second active row of the same tenant is a duplicate key.

CREATE TABLE model_versions (
    tenant_id         VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version           INT NOT NULL,
    family            VARCHAR(64) NOT NULL,
    engine            VARCHAR(64) NOT NULL,
    artifact_location VARCHAR(1000) NOT NULL,
    active            BOOLEAN NOT NULL DEFAULT FALSE,
    active_tenant     VARCHAR(128) GENERATED ALWAYS AS (CASE WHEN active THEN tenant_id ELSE NULL END),
    created_at        DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, version),
    CONSTRAINT uq_model_versions_one_active UNIQUE (active_tenant),
    CONSTRAINT ck_model_versions_version CHECK (version >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE model_version_metrics (
    tenant_id    VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version      INT NOT NULL,
    metric_name  VARCHAR(100) NOT NULL,
    metric_value VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, version, metric_name),
    CONSTRAINT fk_model_version_metrics_version FOREIGN KEY (tenant_id, version) REFERENCES model_versions (tenant_id, version) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE training_jobs (
    tenant_id     VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    job_id        VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    family        VARCHAR(64) NOT NULL,
    status        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    progress      DOUBLE NOT NULL,
    message       VARCHAR(2000) NOT NULL,
    model_version INT NULL,
    error         TEXT NULL,
    created_at    DATETIME(6) NOT NULL,
    updated_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, job_id),
    CONSTRAINT ck_training_jobs_status CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT ck_training_jobs_progress CHECK (progress >= 0 AND progress <= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_training_jobs_tenant_created ON training_jobs (tenant_id, created_at);

CREATE TABLE training_job_metrics (
    tenant_id    VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    job_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    metric_name  VARCHAR(100) NOT NULL,
    metric_value VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, job_id, metric_name),
    CONSTRAINT fk_training_job_metrics_job FOREIGN KEY (tenant_id, job_id) REFERENCES training_jobs (tenant_id, job_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
