package dev.lethe.adapter.persistence;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import dev.lethe.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Fitted forgetting curves in {@code forgetting_curves}, one typed parameter column per family parameter. */
final class JdbcForgettingCurveRepository implements ForgettingCurveRepository {
    static final int MAX_SCOPE_LENGTH = 160;
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@\\-]*");

    /** The new values are bound twice rather than read back with {@code VALUES()} (deprecated by MySQL 8.0.20+; its replacement is not MariaDB's). */
    private static final String UPSERT = """
            INSERT INTO forgetting_curves
                (tenant_id, scope, family, half_life_seconds, decay, epsilon_seconds,
                 fast_half_life_seconds, slow_half_life_seconds, fast_weight, fitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
                family = ?, half_life_seconds = ?, decay = ?, epsilon_seconds = ?, fast_half_life_seconds = ?,
                slow_half_life_seconds = ?, fast_weight = ?, fitted_at = ?
            """;
    private static final String DELETE_STATISTICS = """
            DELETE FROM forgetting_curve_statistics WHERE tenant_id = ? AND scope = ?
            """;
    private static final String INSERT_STATISTIC = """
            INSERT INTO forgetting_curve_statistics (tenant_id, scope, stat_name, stat_value) VALUES (?, ?, ?, ?)
            """;
    private static final String COLUMNS = """
            scope, family, half_life_seconds, decay, epsilon_seconds, fast_half_life_seconds, slow_half_life_seconds,
            fast_weight, fitted_at""";
    private static final String FIND = "SELECT " + COLUMNS + " FROM forgetting_curves WHERE tenant_id = ? AND scope = ?";
    private static final String FIND_STATISTICS = """
            SELECT stat_name, stat_value FROM forgetting_curve_statistics WHERE tenant_id = ? AND scope = ?
            """;
    private static final String LIST = "SELECT " + COLUMNS + " FROM forgetting_curves WHERE tenant_id = ? ORDER BY scope";
    private static final String LIST_STATISTICS = """
            SELECT scope, stat_name, stat_value FROM forgetting_curve_statistics WHERE tenant_id = ?
            """;

    private final Jdbc jdbc;

    JdbcForgettingCurveRepository(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The scope of a curve fitted on one user's behaviours; erasing the user deletes it. */
    static String userScope(UserId userId) {
        return "user:" + userId.value();
    }

    @Override
    public void save(TenantId tenantId, StoredCurve curve) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(curve, "curve");
        requireScope(curve.scope());
        NamedNumbers.validate("statistics", curve.statistics());
        jdbc.transaction("save the forgetting curve " + curve.scope() + " of tenant " + tenantId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setString(1, tenantId.value());
                upsert.setString(2, curve.scope());
                bindCurve(upsert, 3, curve);
                bindCurve(upsert, 11, curve);
                upsert.executeUpdate();
            }
            NamedNumbers.replace(connection, DELETE_STATISTICS, INSERT_STATISTIC, curve.statistics(), tenantId.value(), curve.scope());
            return null;
        });
    }

    /** Binds the family, its parameters and the fitting moment from {@code first} on (8 positions). */
    private static void bindCurve(PreparedStatement upsert, int first, StoredCurve curve) throws SQLException {
        upsert.setString(first, curve.curve().family());
        double[] parameters = parameters(curve.curve());
        for (int i = 0; i < parameters.length; i++) {
            if (Double.isNaN(parameters[i])) {
                upsert.setNull(first + 1 + i, Types.DOUBLE);
            } else {
                upsert.setDouble(first + 1 + i, parameters[i]);
            }
        }
        Jdbc.setInstant(upsert, first + 1 + parameters.length, curve.fittedAt());
    }

    @Override
    public Optional<StoredCurve> find(TenantId tenantId, String scope) {
        Objects.requireNonNull(tenantId, "tenantId");
        requireScope(scope);
        return jdbc.read("read the forgetting curve " + scope + " of tenant " + tenantId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setString(1, tenantId.value());
                select.setString(2, scope);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Map<String, Double> statistics = NamedNumbers.read(connection, FIND_STATISTICS, tenantId.value(), scope);
                    return Optional.of(storedCurve(row, statistics));
                }
            }
        });
    }

    @Override
    public List<StoredCurve> list(TenantId tenantId) {
        Objects.requireNonNull(tenantId, "tenantId");
        return jdbc.read("list the forgetting curves of tenant " + tenantId, connection -> {
            Map<String, Map<String, Double>> statistics = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(LIST_STATISTICS)) {
                select.setString(1, tenantId.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        statistics.computeIfAbsent(rows.getString(1), scope -> new TreeMap<>())
                                .put(rows.getString(2), Double.parseDouble(rows.getString(3)));
                    }
                }
            }
            List<StoredCurve> curves = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(LIST)) {
                select.setString(1, tenantId.value());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        curves.add(storedCurve(rows, statistics.getOrDefault(rows.getString("scope"), Map.of())));
                    }
                }
            }
            return List.copyOf(curves);
        });
    }

    private static void requireScope(String scope) {
        Jdbc.requireText("scope", scope, MAX_SCOPE_LENGTH);
        if (!SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("scope must be tenant, type:<behaviour type> or user:<user id>, got: \"" + scope + '"');
        }
    }

    /** The six parameter columns in table order; NaN where the family has no such parameter. */
    private static double[] parameters(ForgettingCurve curve) {
        double none = Double.NaN;
        if (curve instanceof ExponentialCurve exponential) {
            return new double[] {exponential.halfLifeSeconds(), none, none, none, none, none};
        }
        if (curve instanceof PowerLawCurve powerLaw) {
            return new double[] {none, powerLaw.decay(), powerLaw.epsilonSeconds(), none, none, none};
        }
        TwoPhaseCurve twoPhase = (TwoPhaseCurve) curve;
        return new double[] {none, none, none, twoPhase.fastHalfLifeSeconds(), twoPhase.slowHalfLifeSeconds(), twoPhase.fastWeight()};
    }

    private static StoredCurve storedCurve(ResultSet row, Map<String, Double> statistics) throws SQLException {
        String family = row.getString("family");
        ForgettingCurve curve = switch (family) {
            case "exponential" -> new ExponentialCurve(row.getDouble("half_life_seconds"));
            case "power-law" -> new PowerLawCurve(row.getDouble("decay"), row.getDouble("epsilon_seconds"));
            case "two-phase" -> new TwoPhaseCurve(row.getDouble("fast_half_life_seconds"), row.getDouble("slow_half_life_seconds"),
                    row.getDouble("fast_weight"));
            default -> throw new SQLException("unknown forgetting curve family in the database: " + family);
        };
        return new StoredCurve(row.getString("scope"), curve, statistics, Jdbc.getInstant(row, "fitted_at"));
    }
}
