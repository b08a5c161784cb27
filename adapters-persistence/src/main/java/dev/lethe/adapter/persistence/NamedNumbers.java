package dev.lethe.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The open sets of named numbers (model metrics, job metrics, curve statistics) kept in child tables of
 * (owner key…, name, value). Values are stored as Java's shortest exact decimal text, so every double,
 * NaN and the infinities included, reads back bit for bit.
 */
final class NamedNumbers {
    static final int MAX_NAME_LENGTH = 100;

    private NamedNumbers() {}

    /** Rejects names the column cannot hold, naming {@code field}. */
    static void validate(String field, Map<String, Double> values) {
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            Jdbc.requireText(field + " name", entry.getKey(), MAX_NAME_LENGTH);
            if (entry.getValue() == null) {
                throw new IllegalArgumentException(field + "." + entry.getKey() + " must be a number, got: null");
            }
        }
    }

    /**
     * Replaces the owner's values: {@code deleteSql} takes the owner key, {@code insertSql} the owner key
     * followed by name and value.
     */
    static void replace(Connection connection, String deleteSql, String insertSql, Map<String, Double> values, Object... ownerKey)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
            bindKey(delete, ownerKey);
            delete.executeUpdate();
        }
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
            for (Map.Entry<String, Double> entry : values.entrySet()) {
                bindKey(insert, ownerKey);
                insert.setString(ownerKey.length + 1, entry.getKey());
                insert.setString(ownerKey.length + 2, Double.toString(entry.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The values of one owner: {@code selectSql} takes the owner key and returns (name, value) columns. */
    static Map<String, Double> read(Connection connection, String selectSql, Object... ownerKey) throws SQLException {
        Map<String, Double> values = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(selectSql)) {
            bindKey(select, ownerKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), Double.parseDouble(rows.getString(2)));
                }
            }
        }
        return values;
    }

    private static void bindKey(PreparedStatement statement, Object... ownerKey) throws SQLException {
        for (int i = 0; i < ownerKey.length; i++) {
            statement.setObject(i + 1, ownerKey[i]);
        }
    }
}
