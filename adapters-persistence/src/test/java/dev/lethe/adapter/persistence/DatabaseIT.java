package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The lifecycle entry point against a real MariaDB/MySQL. */
class DatabaseIT {
    private final Database database = TestDatabases.external();

    @Test
    void reachableServerPassesTheReadinessCheck() {
        assertThat(database.isReachable()).isTrue();
    }

    @Test
    void migratingAnUpToDateSchemaIsANoOp() {
        database.migrate();

        assertThat(database.isReachable()).isTrue();
    }

    @Test
    void everyPooledConnectionRefusesToClipValuesWhateverTheServerDefault() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@SESSION.sql_mode")) {
            row.next();

            assertThat(row.getString(1)).contains("STRICT_ALL_TABLES");
        }
    }
}
