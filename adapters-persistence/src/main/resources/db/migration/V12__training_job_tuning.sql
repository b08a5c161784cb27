-- A training job may ask for a settings search before it trains (POST /v1/training-jobs {"tune": ...}):
-- its budget, seed and trial limit travel with the job, so whichever process claims it runs the same
-- search. NULL budget: no search. The trials themselves are stored with the registered version's metrics.
ALTER TABLE training_jobs ADD COLUMN tune_budget_seconds INT NULL;
ALTER TABLE training_jobs ADD COLUMN tune_seed BIGINT NULL;
ALTER TABLE training_jobs ADD COLUMN tune_max_trials INT NULL;
