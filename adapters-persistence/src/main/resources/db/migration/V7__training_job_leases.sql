-- Leases let several Lethe processes share one database and run each training job exactly once:
-- a worker claims a job (SELECT ... FOR UPDATE SKIP LOCKED, then sets owner and lease_expires_at),
-- renews the lease while it runs, and another process re-claims the job once the lease has expired.
-- activation is stored so whichever process claims the job knows what to do with the version (no
-- CHARACTER SET on it: H2 does not accept one together with a DEFAULT in ALTER TABLE ... ADD COLUMN).
-- Jobs left RUNNING by an earlier release have no lease and count as expired.

ALTER TABLE training_jobs ADD COLUMN activation VARCHAR(16) NOT NULL DEFAULT 'IF_BETTER';
ALTER TABLE training_jobs ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE training_jobs ADD COLUMN owner VARCHAR(200) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE training_jobs ADD COLUMN lease_expires_at DATETIME(6) NULL;

ALTER TABLE training_jobs ADD CONSTRAINT ck_training_jobs_activation CHECK (activation IN ('IF_BETTER', 'ALWAYS', 'NEVER'));
ALTER TABLE training_jobs ADD CONSTRAINT ck_training_jobs_attempts CHECK (attempts >= 0);

CREATE INDEX ix_training_jobs_status_created ON training_jobs (status, created_at);
