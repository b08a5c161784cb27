package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.contract.ModelRegistryContract;
import dev.lethe.domain.registry.ModelVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The kit's registry contract on a JDBC database, plus the schema's own guard: one active version per tenant. */
abstract class JdbcModelRegistryContract extends ModelRegistryContract {
    abstract Database database();

    @Override
    protected ModelRegistry registry() {
        return new JdbcModelRegistry(database().jdbc());
    }

    @Test
    void databaseRefusesASecondActiveVersionWrittenBehindTheRegistrysBack() throws SQLException {
        registry().register(version(tenant, 1, true));
        registry().register(version(tenant, 2, false));

        try (Connection connection = database().dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE model_versions SET active = TRUE WHERE tenant_id = ? AND version = 2")) {
            update.setString(1, tenant.value());
            assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class).satisfies(e -> assertThat(Jdbc.isDuplicateKey((SQLException) e)).isTrue());
        }
        assertThat(registry().list(tenant)).filteredOn(ModelVersion::active).extracting(ModelVersion::version).containsExactly(1);
    }
}
