package dev.lethe.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.bootstrap.dataset.Backfill;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lethe import} of a generated tenant into MariaDB, twice: the second run stores nothing. */
class ImportCommandIT {
    @TempDir
    Path dir;

    private final String tenant = "import-it-" + UUID.randomUUID().toString().substring(0, 8);

    private String run(String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ImportCommand(Clock.systemUTC()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--jdbc-url";
        all[1] = url;
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = cli.execute(all);
        assertThat(exit).as("exit status; stderr: %s", err).isZero();
        return out.toString();
    }

    private long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenant);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void importingTheSameFilesTwiceStoresEveryEventAndItemOnce() throws Exception {
        String url = System.getProperty("lethe.it.jdbcUrl");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "lethe.it.jdbcUrl is not set: skipping the MariaDB import");
        SyntheticTenant generated = new SyntheticGenerator(TenantKind.ECOMMERCE, 30, 7, Clock.systemUTC().instant(), Duration.ofDays(60)).generate();
        GenerateCommand.write(generated, dir);
        int events = generated.behaviors().size();
        int items = generated.items().size();
        long categories = generated.items().stream().mapToLong(i -> i.categories().size()).sum();
        String file = dir.resolve("events.csv").toString();

        String first = run(url, "--tenant", tenant, "--format", "csv", "--create-tenant", "ecommerce", "--quiet", file);
        String second = run(url, "--tenant", tenant, "--format", "csv", "--quiet", file);

        assertThat(events).as("more events than one batch").isGreaterThan(Backfill.BATCH);
        assertThat(first).contains(String.format("read %,d, stored %,d, duplicate 0, bad 0; items: upserted %,d, unchanged 0", events, events, items));
        assertThat(second).contains(String.format("read %,d, stored 0, duplicate %,d, bad 0; items: upserted 0, unchanged %,d", events, events, items));
        assertThat(count(url, "SELECT COUNT(*) FROM behavior_events WHERE tenant_id = ?")).isEqualTo(events);
        assertThat(count(url, "SELECT COUNT(DISTINCT event_id) FROM behavior_events WHERE tenant_id = ?")).isEqualTo(events);
        assertThat(count(url, "SELECT COUNT(*) FROM items WHERE tenant_id = ?")).isEqualTo(items);
        assertThat(count(url, "SELECT COUNT(*) FROM item_categories WHERE tenant_id = ?")).isEqualTo(categories);
        assertThat(generated.items()).extracting(Item::categories).allSatisfy(c -> assertThat(c).isNotEmpty());
    }
}
