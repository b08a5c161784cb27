package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Model versions in {@code model_versions}. One active version per tenant is a UNIQUE index on the
 * generated column {@code active_tenant}; activation clears the old flag and sets the new one in one
 * transaction, so readers see either the old or the new active version, never two and never none.
 */
final class JdbcModelRegistry implements ModelRegistry {
    static final int MAX_NAME_LENGTH = 64;
    static final int MAX_LOCATION_LENGTH = 1000;

    private static final String NEXT_VERSION = "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE tenant_id = ?";
    private static final String INSERT = """
            INSERT INTO model_versions (tenant_id, version, family, engine, artifact_location, active, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_METRIC = """
            INSERT INTO model_version_metrics (tenant_id, version, metric_name, metric_value) VALUES (?, ?, ?, ?)
            """;
    private static final String DELETE_METRICS = "DELETE FROM model_version_metrics WHERE tenant_id = ? AND version = ?";
    private static final String LOCK_VERSION = "SELECT version FROM model_versions WHERE tenant_id = ? AND version = ? FOR UPDATE";
    private static final String DEACTIVATE_OTHERS = """
            UPDATE model_versions SET active = FALSE WHERE tenant_id = ? AND active = TRUE AND version <> ?
            """;
    private static final String ACTIVATE = "UPDATE model_versions SET active = TRUE WHERE tenant_id = ? AND version = ?";
    private static final String COLUMNS = "version, family, engine, artifact_location, active, created_at";
    private static final String LIST = "SELECT " + COLUMNS + " FROM model_versions WHERE tenant_id = ? ORDER BY version DESC";
    private static final String FIND = "SELECT " + COLUMNS + " FROM model_versions WHERE tenant_id = ? AND version = ?";
    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM model_versions WHERE tenant_id = ? AND active = TRUE";
    private static final String TENANT_METRICS = "SELECT version, metric_name, metric_value FROM model_version_metrics WHERE tenant_id = ?";
    private static final String ACTIVE_METRICS = """
            SELECT m.version, m.metric_name, m.metric_value
            FROM model_version_metrics m JOIN model_versions v ON v.tenant_id = m.tenant_id AND v.version = m.version
            WHERE v.tenant_id = ? AND v.active = TRUE
            """;
    private static final String VERSION_METRICS = """
            SELECT version, metric_name, metric_value FROM model_version_metrics WHERE tenant_id = ? AND version = ?
            """;

    private final Jdbc jdbc;

    JdbcModelRegistry(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public int nextVersion(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("find the next model version of tenant " + tenantId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(NEXT_VERSION)) {
                select.setString(1, tenantId.value());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /** Throws {@link dev.lethe.application.port.out.PersistenceException} when the version number is taken. */
    @Override
    public void register(ModelVersion version) {
        Objects.requireNonNull(version, "version");
        Jdbc.requireText("family", version.family(), MAX_NAME_LENGTH);
        Jdbc.requireText("engine", version.engine(), MAX_NAME_LENGTH);
        if (version.artifactLocation().length() > MAX_LOCATION_LENGTH) {
            throw new IllegalArgumentException("artifactLocation must be at most " + MAX_LOCATION_LENGTH + " characters");
        }
        NamedNumbers.validate("metrics", version.metrics());
        String tenant = version.tenantId().value();
        jdbc.transaction("register model version " + version.version() + " of tenant " + tenant, connection -> {
            if (version.active()) {
                deactivateOthers(connection, tenant, version.version());
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, tenant);
                insert.setInt(2, version.version());
                insert.setString(3, version.family());
                insert.setString(4, version.engine());
                insert.setString(5, version.artifactLocation());
                insert.setBoolean(6, version.active());
                Jdbc.setInstant(insert, 7, version.createdAt());
                insert.executeUpdate();
            }
            NamedNumbers.replace(connection, DELETE_METRICS, INSERT_METRIC, version.metrics(), tenant, version.version());
            return null;
        });
    }

    @Override
    public List<ModelVersion> list(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("list the model versions of tenant " + tenantId, connection -> {
            Map<Integer, Map<String, Double>> metrics = metrics(connection, TENANT_METRICS, tenantId.value());
            return versions(connection, LIST, tenantId, metrics, tenantId.value());
        });
    }

    @Override
    public Optional<ModelVersion> find(TenantId tenantId, int version) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("read model version " + version + " of tenant " + tenantId, connection -> {
            Map<Integer, Map<String, Double>> metrics = metrics(connection, VERSION_METRICS, tenantId.value(), version);
            return versions(connection, FIND, tenantId, metrics, tenantId.value(), version).stream().findFirst();
        });
    }

    @Override
    public Optional<ModelVersion> active(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("read the active model of tenant " + tenantId, connection -> {
            Map<Integer, Map<String, Double>> metrics = metrics(connection, ACTIVE_METRICS, tenantId.value());
            return versions(connection, ACTIVE, tenantId, metrics, tenantId.value()).stream().findFirst();
        });
    }

    @Override
    public boolean activate(TenantId tenantId, int version) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.transaction("activate model version " + version + " of tenant " + tenantId, connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_VERSION)) {
                lock.setString(1, tenantId.value());
                lock.setInt(2, version);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                }
            }
            deactivateOthers(connection, tenantId.value(), version);
            try (PreparedStatement activate = connection.prepareStatement(ACTIVATE)) {
                activate.setString(1, tenantId.value());
                activate.setInt(2, version);
                activate.executeUpdate();
            }
            return true;
        });
    }

    private static void deactivateOthers(Connection connection, String tenant, int keep) throws SQLException {
        try (PreparedStatement deactivate = connection.prepareStatement(DEACTIVATE_OTHERS)) {
            deactivate.setString(1, tenant);
            deactivate.setInt(2, keep);
            deactivate.executeUpdate();
        }
    }

    private static Map<Integer, Map<String, Double>> metrics(Connection connection, String sql, Object... key) throws SQLException {
        Map<Integer, Map<String, Double>> metrics = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < key.length; i++) {
                select.setObject(i + 1, key[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    metrics.computeIfAbsent(rows.getInt(1), v -> new TreeMap<>()).put(rows.getString(2), Double.parseDouble(rows.getString(3)));
                }
            }
        }
        return metrics;
    }

    private static List<ModelVersion> versions(Connection connection, String sql, TenantId tenantId,
            Map<Integer, Map<String, Double>> metrics, Object... key) throws SQLException {
        List<ModelVersion> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < key.length; i++) {
                select.setObject(i + 1, key[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int version = rows.getInt("version");
                    versions.add(new ModelVersion(tenantId, version, rows.getString("family"), rows.getString("engine"),
                            metrics.getOrDefault(version, Map.of()), rows.getString("artifact_location"),
                            rows.getBoolean("active"), Jdbc.getInstant(rows, "created_at")));
                }
            }
        }
        return List.copyOf(versions);
    }
}
