package dev.lethe.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lethe.application.port.out.PersistenceException;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A paused MariaDB/MySQL ({@code -Dlethe.it.jdbcUrl}) fails calls within the configured timeouts instead of holding them. */
class DatabaseTimeoutIT {
    private static final DatabaseTimeouts SHORT = new DatabaseTimeouts(
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
    private final TenantId tenant = TestDatabases.freshTenant();
    private PausingProxy proxy;
    private Database database;

    @BeforeEach
    void openThroughAProxy() throws Exception {
        TestDatabases.external(); // migrated schema
        String url = System.getProperty(TestDatabases.IT_URL_PROPERTY);
        Matcher hostPort = Pattern.compile("^jdbc:mysql://([^/:]+)(?::(\\d+))?/").matcher(url);
        assertThat(hostPort.find()).as("host and port in %s", url).isTrue();
        proxy = new PausingProxy(hostPort.group(1), hostPort.group(2) == null ? 3306 : Integer.parseInt(hostPort.group(2)));
        String proxied = "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + url.substring(hostPort.end());
        database = Database.open(new DatabaseConfig(proxied, "", "", 2, SHORT));
    }

    @AfterEach
    void close() throws Exception {
        proxy.close();
        database.close();
    }

    @Test
    void aCallToAPausedDatabaseFailsWithinTheTimeouts() {
        JdbcItemRepository items = new JdbcItemRepository(database.jdbc(), Clock.systemUTC());
        assertThat(items.find(tenant, new ItemId("i1"))).isEmpty();
        proxy.pause();

        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> items.find(tenant, new ItemId("i1"))).isInstanceOf(PersistenceException.class));

        // connection wait (0.5 s) + one socket timeout (1 s), with slack for a loaded machine
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void readinessOfAPausedDatabaseSaysNoWithinTheTimeouts() {
        assertThat(database.isReachable()).isTrue();
        proxy.pause();

        long started = System.nanoTime();
        boolean reachable = assertTimeoutPreemptively(Duration.ofSeconds(10), database::isReachable);

        assertThat(reachable).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aStatementRunningPastTheQueryTimeoutIsCancelled() {
        long started = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> database.jdbc().read("sleep", connection -> {
            try (var sleep = connection.prepareStatement("SELECT SLEEP(8)"); var row = sleep.executeQuery()) {
                return row.next();
            }
        })).isInstanceOf(PersistenceException.class));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void callsSucceedAgainOnceTheDatabaseAnswers() {
        JdbcItemRepository items = new JdbcItemRepository(database.jdbc(), Clock.systemUTC());
        proxy.pause();
        assertThatThrownBy(() -> items.find(tenant, new ItemId("i1"))).isInstanceOf(PersistenceException.class);
        proxy.resume();

        assertThat(items.find(tenant, new ItemId("i1"))).isEmpty();
    }
}
