package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.ApiKey;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tenants in {@code tenants}, the hashes of their API keys (with id and revocation time) in {@code api_keys}. */
final class JdbcTenantRepository implements TenantRepository {
    static final int MAX_KEY_HASH_LENGTH = 255;

    private static final String INSERT_TENANT = "INSERT INTO tenants (tenant_id, name, kind, created_at) VALUES (?, ?, ?, ?)";
    private static final String INSERT_KEY = "INSERT INTO api_keys (key_hash, tenant_id, key_id, created_at) VALUES (?, ?, ?, ?)";
    private static final String FIND = "SELECT tenant_id, name, kind, created_at FROM tenants WHERE tenant_id = ?";
    private static final String FIND_BY_KEY = """
            SELECT t.tenant_id, t.name, t.kind, t.created_at
            FROM api_keys k JOIN tenants t ON t.tenant_id = k.tenant_id
            WHERE k.key_hash = ? AND k.revoked_at IS NULL
            """;
    private static final String KEY_TAKEN = "SELECT COUNT(*) FROM api_keys WHERE key_hash = ?";
    private static final String KEYS = "SELECT key_id, created_at, revoked_at FROM api_keys WHERE tenant_id = ? ORDER BY created_at, key_id";
    private static final String REVOKE = "UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND key_id = ? AND revoked_at IS NULL";
    /** The behaviours of an erased tenant go in chunks, each its own transaction, so no single one grows huge. */
    static final int ERASE_CHUNK = 10_000;
    private static final String ERASE_EVENTS_CHUNK = "DELETE FROM behavior_events WHERE tenant_id = ? LIMIT ?";
    /**
     * Children first where no foreign key cascades; item categories and attributes, curve statistics and the
     * metrics of versions and jobs cascade from their parents. The tenant row goes last.
     */
    private static final List<String> ERASE = List.of(
            "DELETE FROM behavior_events WHERE tenant_id = ?",
            "DELETE FROM items WHERE tenant_id = ?",
            "DELETE FROM forgetting_curves WHERE tenant_id = ?",
            "DELETE FROM model_versions WHERE tenant_id = ?",
            "DELETE FROM training_jobs WHERE tenant_id = ?",
            "DELETE FROM api_keys WHERE tenant_id = ?",
            "DELETE FROM tenants WHERE tenant_id = ?");
    private static final String LIST = "SELECT tenant_id, name, kind, created_at FROM tenants ORDER BY tenant_id";

    private final Jdbc jdbc;
    private final int eraseChunk;

    JdbcTenantRepository(Jdbc jdbc) {
        this(jdbc, ERASE_CHUNK);
    }

    /** With a smaller erasure chunk, for tests that erase in several chunks. */
    JdbcTenantRepository(Jdbc jdbc, int eraseChunk) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        if (eraseChunk < 1) {
            throw new IllegalArgumentException("eraseChunk must be positive, got: " + eraseChunk);
        }
        this.eraseChunk = eraseChunk;
    }

    @Override
    public boolean create(Tenant tenant, String apiKeyHash) {
        Objects.requireNonNull(tenant, "tenant");
        requireKeyHash(apiKeyHash);
        try {
            return jdbc.transaction("create tenant " + tenant.id(), connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT_TENANT)) {
                    insert.setString(1, tenant.id().value());
                    insert.setString(2, tenant.name());
                    insert.setString(3, tenant.kind().wireName());
                    Jdbc.setInstant(insert, 4, tenant.createdAt());
                    insert.executeUpdate();
                }
                insertKey(connection, tenant.id(), apiKeyHash, tenant.createdAt());
                return true;
            });
        } catch (PersistenceException e) {
            // The id is taken exactly when the tenant row now exists; a clash on the key hash is not "taken".
            if (e.getCause() instanceof SQLException sql && Jdbc.isDuplicateKey(sql) && find(tenant.id()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Tenant> find(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("read tenant " + tenantId, connection -> one(connection, FIND, tenantId.value()));
    }

    @Override
    public Optional<Tenant> findByApiKeyHash(String apiKeyHash) {
        requireKeyHash(apiKeyHash);
        return jdbc.read("look up an API key", connection -> one(connection, FIND_BY_KEY, apiKeyHash));
    }

    @Override
    public boolean apiKeyHashTaken(String apiKeyHash) {
        requireKeyHash(apiKeyHash);
        return jdbc.read("look up an API key", connection -> Jdbc.singleNumber(connection, KEY_TAKEN, apiKeyHash) > 0);
    }

    @Override
    public List<Tenant> list() {
        return jdbc.read("list tenants", connection -> {
            List<Tenant> tenants = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(LIST); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tenants.add(tenant(rows));
                }
            }
            return List.copyOf(tenants);
        });
    }

    @Override
    public boolean addKey(TenantId tenantId, String apiKeyHash, Instant createdAt) {
        Objects.requireNonNull(tenantId, "tenantId");
        requireKeyHash(apiKeyHash);
        Objects.requireNonNull(createdAt, "createdAt");
        try {
            return jdbc.transaction("add an API key to tenant " + tenantId, connection -> {
                insertKey(connection, tenantId, apiKeyHash, createdAt);
                return true;
            });
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isDuplicateKey(sql)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<ApiKey> keys(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("list the API keys of tenant " + tenantId, connection -> {
            List<ApiKey> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(KEYS)) {
                select.setString(1, tenantId.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Optional<Instant> revoked = rows.getObject("revoked_at") == null
                                ? Optional.empty() : Optional.of(Jdbc.getInstant(rows, "revoked_at"));
                        keys.add(new ApiKey(rows.getString("key_id"), tenantId, Jdbc.getInstant(rows, "created_at"), revoked));
                    }
                }
            }
            return List.copyOf(keys);
        });
    }

    @Override
    public boolean revokeKey(TenantId tenantId, String keyId, Instant at) {
        Objects.requireNonNull(tenantId, "tenantId");
        ApiKey.requireId(keyId);
        Objects.requireNonNull(at, "at");
        return jdbc.transaction("revoke API key " + keyId + " of tenant " + tenantId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(REVOKE)) {
                Jdbc.setInstant(update, 1, at);
                update.setString(2, tenantId.value());
                update.setString(3, keyId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (find(tenantId).isEmpty()) {
            return false;
        }
        String tenant = tenantId.value();
        int deleted;
        do {
            deleted = jdbc.transaction("erase behaviours of tenant " + tenantId, connection -> {
                try (PreparedStatement delete = connection.prepareStatement(ERASE_EVENTS_CHUNK)) {
                    delete.setString(1, tenant);
                    delete.setInt(2, eraseChunk);
                    return delete.executeUpdate();
                }
            });
        } while (deleted == eraseChunk);
        return jdbc.transaction("erase tenant " + tenantId, connection -> {
            int tenants = 0;
            for (String sql : ERASE) {
                tenants = update(connection, sql, tenant);
            }
            return tenants == 1;
        });
    }

    private static int update(Connection connection, String sql, String tenant) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, tenant);
            return delete.executeUpdate();
        }
    }

    private static void insertKey(Connection connection, TenantId tenantId, String apiKeyHash, Instant createdAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
            insert.setString(1, apiKeyHash);
            insert.setString(2, tenantId.value());
            insert.setString(3, ApiKey.idOf(apiKeyHash));
            Jdbc.setInstant(insert, 4, createdAt);
            insert.executeUpdate();
        }
    }

    private static Optional<Tenant> one(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(tenant(row)) : Optional.empty();
            }
        }
    }

    private static Tenant tenant(ResultSet row) throws SQLException {
        return new Tenant(new TenantId(row.getString("tenant_id")), row.getString("name"),
                TenantKind.parse(row.getString("kind")), Jdbc.getInstant(row, "created_at"));
    }

    private static void requireKeyHash(String apiKeyHash) {
        Jdbc.requireText("apiKeyHash", apiKeyHash, MAX_KEY_HASH_LENGTH);
        if (!apiKeyHash.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("apiKeyHash must be printable ASCII without spaces");
        }
    }
}
