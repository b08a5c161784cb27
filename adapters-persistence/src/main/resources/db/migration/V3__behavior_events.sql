-- The append-only event log. The surrogate key keeps InnoDB inserts at the end of the clustered index
-- (fast ingestion) and breaks ties between behaviours of the same moment in arrival order.
-- No foreign key to tenants: the hot ingest path pays for no extra lookup; the application checks the tenant.

CREATE TABLE behavior_events (
    seq           BIGINT NOT NULL AUTO_INCREMENT,
    tenant_id     VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event_id      VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    user_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    item_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    behavior_type VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    event_value   DOUBLE NULL,
    dwell_us      BIGINT NULL,
    occurred_at   DATETIME(6) NOT NULL,
    received_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (seq),
    -- idempotent ingestion: one row per (tenant, event id)
    CONSTRAINT uq_behavior_events_event UNIQUE (tenant_id, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- the user's last N behaviours in time order (recommendation, interest profile) and erasure
CREATE INDEX ix_behavior_events_user_time ON behavior_events (tenant_id, user_id, occurred_at, seq);
-- the tenant's log streamed in time order (training)
CREATE INDEX ix_behavior_events_tenant_time ON behavior_events (tenant_id, occurred_at, seq);
