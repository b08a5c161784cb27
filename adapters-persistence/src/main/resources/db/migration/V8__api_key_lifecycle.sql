-- API keys get an id (shown to the tenant and the operator; never the key), and are revoked by
-- stamping revoked_at rather than deleted, so a tenant's key list shows when each key stopped working.
-- A key's id is the first 12 hex characters of its SHA-256 hash (dev.lethe.domain.tenant.ApiKey.idOf):
-- it only ever reaches callers who hold a key of that tenant or the admin key, and it can be filled in
-- here for the keys that already exist.

ALTER TABLE api_keys ADD COLUMN key_id VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE api_keys ADD COLUMN revoked_at DATETIME(6) NULL;

UPDATE api_keys SET key_id = SUBSTRING(key_hash, 1, 12);

CREATE UNIQUE INDEX uq_api_keys_tenant_key_id ON api_keys (tenant_id, key_id);
