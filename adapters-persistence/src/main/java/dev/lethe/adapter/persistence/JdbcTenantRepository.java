package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tenants in {@code tenants}, the hashes of their API keys in {@code api_keys}. */
final class JdbcTenantRepository implements TenantRepository {
    static final int MAX_KEY_HASH_LENGTH = 255;

    private static final String INSERT_TENANT = "INSERT INTO tenants (tenant_id, name, kind, created_at) VALUES (?, ?, ?, ?)";
    private static final String INSERT_KEY = "INSERT INTO api_keys (key_hash, tenant_id, created_at) VALUES (?, ?, ?)";
    private static final String FIND = "SELECT tenant_id, name, kind, created_at FROM tenants WHERE tenant_id = ?";
    private static final String FIND_BY_KEY = """
            SELECT t.tenant_id, t.name, t.kind, t.created_at
            FROM api_keys k JOIN tenants t ON t.tenant_id = k.tenant_id
            WHERE k.key_hash = ?
            """;
    private static final String LIST = "SELECT tenant_id, name, kind, created_at FROM tenants ORDER BY tenant_id";

    private final Jdbc jdbc;

    JdbcTenantRepository(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
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
                try (PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
                    insert.setString(1, apiKeyHash);
                    insert.setString(2, tenant.id().value());
                    Jdbc.setInstant(insert, 3, tenant.createdAt());
                    insert.executeUpdate();
                }
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
