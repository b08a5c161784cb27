-- Fitted forgetting curves per tenant and scope ('tenant', 'type:<behaviour type>', 'user:<user id>').
-- Parameters are typed columns, one set per family; statistics are an open set of named numbers.
-- Numbers in name/value tables are stored as Java's shortest exact decimal text so that NaN and the
-- infinities (a failed fit, an unbounded standard error) survive the round trip.

CREATE TABLE forgetting_curves (
    tenant_id              VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    scope                  VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    family                 VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    half_life_seconds      DOUBLE NULL,
    decay                  DOUBLE NULL,
    epsilon_seconds        DOUBLE NULL,
    fast_half_life_seconds DOUBLE NULL,
    slow_half_life_seconds DOUBLE NULL,
    fast_weight            DOUBLE NULL,
    fitted_at              DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, scope),
    CONSTRAINT ck_forgetting_curves_family CHECK (family IN ('exponential', 'power-law', 'two-phase'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE forgetting_curve_statistics (
    tenant_id  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    scope      VARCHAR(160) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    stat_name  VARCHAR(100) NOT NULL,
    stat_value VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    PRIMARY KEY (tenant_id, scope, stat_name),
    CONSTRAINT fk_curve_statistics_curve FOREIGN KEY (tenant_id, scope) REFERENCES forgetting_curves (tenant_id, scope) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
