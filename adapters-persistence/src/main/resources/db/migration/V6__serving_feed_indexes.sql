-- The serving feed: every server tails the event log by sequence number (all tenants) and catches a
-- tenant up from a model artifact's watermark (one tenant, a range of sequence numbers); it follows
-- catalogue changes by the time items were written.

CREATE INDEX ix_behavior_events_tenant_seq ON behavior_events (tenant_id, seq);
CREATE INDEX ix_items_updated_at ON items (updated_at);
