package dev.lethe.adapter.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lethe.domain.tenant.TenantId;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The databases the contract tests run against: one embedded H2 per test JVM, and the MariaDB/MySQL
 * named by the system property {@code lethe.it.jdbcUrl}, emptied (Flyway clean, allowed only here) and
 * migrated once per test JVM so every IT run starts from fresh tables. Each test works in tenants of its
 * own, so tests never see each other's rows.
 */
final class TestDatabases {
    static final String IT_URL_PROPERTY = "lethe.it.jdbcUrl";

    private static Database h2;
    private static Database external;

    private TestDatabases() {}

    static synchronized Database h2() {
        if (h2 == null) {
            h2 = Database.open(new DatabaseConfig("jdbc:h2:mem:lethe-" + UUID.randomUUID()
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 8));
            h2.migrate();
        }
        return h2;
    }

    static synchronized Database external() {
        String url = System.getProperty(IT_URL_PROPERTY, "");
        assumeTrue(!url.isBlank(), "set -D" + IT_URL_PROPERTY + "=jdbc:mysql://… to run the MariaDB/MySQL contract tests");
        if (external == null) {
            external = Database.open(new DatabaseConfig(url, "", "", 8));
            Flyway.configure().dataSource(external.dataSource()).locations(Database.MIGRATIONS).cleanDisabled(false).load().clean();
            external.migrate();
        }
        return external;
    }

    /** A tenant no other test uses. */
    static TenantId freshTenant() {
        return new TenantId("t-" + UUID.randomUUID());
    }
}
