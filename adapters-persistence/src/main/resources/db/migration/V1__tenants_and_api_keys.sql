-- Portable across MySQL 8, MariaDB 10.11 and H2 2.x (MODE=MySQL).
-- Identifiers are ASCII by construction (dev.lethe.domain.Ids) and compared byte-wise: 'E1' and 'e1' are
-- different event ids, and ASCII keeps the composite indexes small.

CREATE TABLE tenants (
    tenant_id  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name       VARCHAR(200) NOT NULL,
    kind       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id),
    CONSTRAINT ck_tenants_kind CHECK (kind IN ('ecommerce', 'video', 'finance'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Only the hash of an API key is ever stored; the key itself is shown to the tenant once.
CREATE TABLE api_keys (
    key_hash   VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    tenant_id  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (key_hash),
    CONSTRAINT fk_api_keys_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (tenant_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id);
