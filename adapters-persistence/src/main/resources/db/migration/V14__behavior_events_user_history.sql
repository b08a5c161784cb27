-- Every recommendation reads the user's newest 200 behaviours. Through ix_behavior_events_user_time
-- (tenant, user, time, seq) that read found the rows in the index and then looked each one up in the
-- table: 200 random primary-key lookups, most of the database's CPU per request at 10M behaviours
-- (1.8 ms a request, docs/benchmarks.md "Scale"). This index carries every column the read returns,
-- so it is answered from the index alone; it also answers the read of the items a user consumed
-- (item_id is in it), so the index V13 added for that read is dropped: one per-user index instead of two.
CREATE INDEX ix_behavior_events_user_history ON behavior_events
    (tenant_id, user_id, occurred_at, seq, item_id, behavior_type, event_value, dwell_us, event_id);
DROP INDEX ix_behavior_events_user_time ON behavior_events;
DROP INDEX ix_behavior_events_user_items ON behavior_events;
