-- The catalogue: one row per item, its categories and free-form attributes in child tables so that
-- "items of category X" stays an indexed query.

CREATE TABLE items (
    tenant_id  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    item_id    VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE item_categories (
    tenant_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    item_id   VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    category  VARCHAR(100) NOT NULL,
    PRIMARY KEY (tenant_id, item_id, category),
    CONSTRAINT fk_item_categories_item FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, item_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_item_categories_category ON item_categories (tenant_id, category);

CREATE TABLE item_attributes (
    tenant_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    item_id         VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    attribute_name  VARCHAR(100) NOT NULL,
    attribute_value VARCHAR(1000) NOT NULL,
    PRIMARY KEY (tenant_id, item_id, attribute_name),
    CONSTRAINT fk_item_attributes_item FOREIGN KEY (tenant_id, item_id) REFERENCES items (tenant_id, item_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
