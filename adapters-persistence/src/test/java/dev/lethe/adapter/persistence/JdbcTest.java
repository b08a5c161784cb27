package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void everyStatementCarriesTheQueryTimeoutExceptAStreamingOne() {
        Jdbc bounded = new Jdbc(TestDatabases.h2().dataSource(), false, 7);

        // One statement after the other: H2 keeps the query timeout per session, not per statement.
        int[] timeouts = bounded.read("inspect statements", connection -> {
            int plainTimeout;
            try (PreparedStatement plain = connection.prepareStatement("SELECT 1")) {
                plainTimeout = plain.getQueryTimeout();
            }
            try (PreparedStatement streaming = connection.prepareStatement("SELECT 1")) {
                streaming.setFetchSize(bounded.streamingFetchSize());
                return new int[] {plainTimeout, streaming.getQueryTimeout()};
            }
        });

        assertThat(timeouts).containsExactly(7, 0);
    }
}
