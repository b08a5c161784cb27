package dev.lethe.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.bootstrap.ApplicationModule;
import dev.lethe.bootstrap.LetheRuntime;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.tenant.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lethe import} on the embedded database (the MariaDB run is {@code ImportCommandIT}). */
class ImportCommandTest {
    private static final TenantId TENANT = new TenantId("acme");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ImportCommand(Clock.systemUTC()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(new String[0]));
    }

    private Path events(String... lines) throws Exception {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "user,item,timestamp,type,value\n" + String.join("\n", lines) + "\n");
        return file;
    }

    private LetheRuntime database() {
        return LetheRuntime.prepare(LetheConfig.load(Optional.empty(), Map.of()).withDataDir(dir.resolve("data")), Clock.systemUTC(),
                new ApplicationModule.NoEngineModule());
    }

    @Test
    void importsEventsAndItemsAndASecondRunFindsOnlyDuplicates() throws Exception {
        Path file = events("u1,i1,1714564800,view,", "u1,i2,1714564900,purchase,", "u2,i1,1714565000,rate,4.5");
        Files.writeString(dir.resolve("items.csv"), "item,categories,title\ni1,pets|toys,Ball\ni2,books,\n");

        int first = run("--tenant", "acme", "--format", "csv", "--create-tenant", "ecommerce", "--quiet", file.toString());
        String firstSummary = out.toString();
        out.getBuffer().setLength(0);
        int second = run("--tenant", "acme", "--format", "csv", "--quiet", file.toString());

        assertThat(first).isZero();
        assertThat(firstSummary).contains("read 3, stored 3, duplicate 0, bad 0; items: upserted 2, unchanged 0, bad 0");
        assertThat(second).isZero();
        assertThat(out.toString()).contains("read 3, stored 0, duplicate 3, bad 0; items: upserted 0, unchanged 2, bad 0");
        try (LetheRuntime runtime = database()) {
            assertThat(runtime.get(BehaviorRepository.class).count(TENANT)).isEqualTo(3);
            assertThat(runtime.get(ItemRepository.class).find(TENANT, new ItemId("i1")).orElseThrow().categories()).containsExactly("pets", "toys");
            assertThat(runtime.get(ItemRepository.class).find(TENANT, new ItemId("i1")).orElseThrow().attributes()).containsEntry("title", "Ball");
        }
    }

    @Test
    void badLinesAreReportedWithFileLineAndFieldCountedAndSkipped() throws Exception {
        Path file = events("u1,i1,1714564800,view,", "u1,i2,tomorrow,view,", "u1,i3,1714564900,rate,", "u2,i1,1714565000,view,");

        int exit = run("--tenant", "acme", "--format", "csv", "--create-tenant", "video", "--quiet", file.toString());

        assertThat(exit).isEqualTo(ImportCommand.BAD_LINES);
        assertThat(err.toString())
                .contains("bad line: " + file + " line 3, field timestamp: ")
                .contains("bad line: " + file + " line 4, field value: a rate behaviour needs a value (value_required)");
        assertThat(out.toString()).contains("read 4, stored 2, duplicate 0, bad 2");
    }

    @Test
    void onlyTheFirstBadLinesArePrintedAndTheRestCounted() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ImportCommand.SHOWN_BAD_LINES + 5; i++) {
            lines.add("u1,i1,never,view,");
        }
        Path file = events(lines.toArray(new String[0]));

        int exit = run("--tenant", "acme", "--format", "csv", "--create-tenant", "video", "--quiet", file.toString());

        assertThat(exit).isEqualTo(ImportCommand.BAD_LINES);
        assertThat(err.toString().lines().filter(l -> l.startsWith("bad line: "))).hasSize(ImportCommand.SHOWN_BAD_LINES);
        assertThat(err.toString()).contains("... and 5 more bad lines (25 in all)");
    }

    @Test
    void anUnknownTenantIsBadInputThatSaysHowToCreateIt() throws Exception {
        Path file = events("u1,i1,1714564800,view,");

        int exit = run("--tenant", "nobody", "--format", "csv", "--quiet", file.toString());

        assertThat(exit).isEqualTo(ImportCommand.BAD_INPUT);
        assertThat(err.toString()).contains("tenant 'nobody' does not exist").contains("--create-tenant");
    }

    @Test
    void aCreatedTenantsKeyIsPrintedOnce() throws Exception {
        Path file = events("u1,i1,1714564800,view,");

        run("--tenant", "acme", "--format", "csv", "--create-tenant", "finance", "--quiet", file.toString());

        assertThat(out.toString()).containsPattern("created tenant acme \\(finance\\); its API key, shown only now: \\S{20,}");
    }

    @Test
    void aHeaderWithoutARequiredColumnIsBadInput() throws Exception {
        Path file = dir.resolve("events.csv");
        Files.writeString(file, "user,product,timestamp\nu1,i1,1714564800\n");

        int exit = run("--tenant", "acme", "--format", "csv", "--create-tenant", "video", "--quiet", file.toString());

        assertThat(exit).isEqualTo(ImportCommand.BAD_INPUT);
        assertThat(err.toString()).contains("line 1").contains("'item'");
    }

    @Test
    void withoutATerminalProgressIsPlainLines() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            lines.add("u" + (i % 7) + ",i" + (i % 13) + "," + (1714564800 + i) + ",view,");
        }
        Path file = events(lines.toArray(new String[0]));

        run("--tenant", "acme", "--format", "csv", "--create-tenant", "video", file.toString());

        assertThat(out.toString()).contains("import events.csv: 1,001 / 2,501 lines (40%)").contains("import events.csv: 2,501 / 2,501 lines (100%)")
                .doesNotContain("\r");
    }
}
