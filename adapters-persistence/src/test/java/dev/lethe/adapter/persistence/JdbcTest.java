package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.ConstraintViolationException;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;

class JdbcTest {
    private final Jdbc jdbc = TestDatabases.h2().jdbc();

    @Test
    void aDuplicateKeyIsAConstraintViolationNotAnOutage() {
        String tenant = TestDatabases.freshTenant().value();
        assertThatThrownBy(() -> jdbc.transaction("insert an item twice", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO items (tenant_id, item_id, updated_at) VALUES (?, 'i1', '2024-01-01 00:00:00')")) {
                insert.setString(1, tenant);
                insert.executeUpdate();
                insert.executeUpdate();
            }
            return null;
        })).isInstanceOf(ConstraintViolationException.class);
    }

    @Test
    void aValueTooLongForItsColumnIsAConstraintViolation() {
        assertThatThrownBy(() -> jdbc.transaction("insert a too long category", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO items (tenant_id, item_id, updated_at) VALUES (?, 'i1', '2024-01-01 00:00:00')")) {
                insert.setString(1, "x".repeat(200));
                insert.executeUpdate();
            }
            return null;
        })).isInstanceOf(ConstraintViolationException.class);
    }
}
