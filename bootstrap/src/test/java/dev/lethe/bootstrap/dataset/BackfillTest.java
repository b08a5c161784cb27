package dev.lethe.bootstrap.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillTest {
    private static final TenantId TENANT = new TenantId("acme");

    @TempDir
    Path dir;

    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<Integer> linesDone = new ArrayList<>();
    private final List<BadLine> badLines = new ArrayList<>();

    private final Backfill.Listener listener = new Backfill.Listener() {
        @Override
        public void linesDone(int line) {
            linesDone.add(line);
        }

        @Override
        public void badLine(BadLine bad) {
            badLines.add(bad);
        }
    };

    /** A use case whose behaviour outcomes come from {@code outcome}. */
    private ImportHistoryUseCase useCase(Function<Behavior, IngestionOutcome> outcome) {
        return new ImportHistoryUseCase() {
            @Override
            public Optional<Tenant> tenant(TenantId tenantId) {
                return Optional.empty();
            }

            @Override
            public List<IngestionOutcome> importBehaviors(IngestBehaviorsCommand command) {
                batchSizes.add(command.behaviors().size());
                return command.behaviors().stream().map(outcome).toList();
            }

            @Override
            public ItemsImported importItems(TenantId tenantId, List<Item> items) {
                return new ItemsImported(items.size(), 0);
            }
        };
    }

    private Path events(int count) throws Exception {
        List<String> lines = new ArrayList<>(List.of("user,item,timestamp"));
        for (int i = 0; i < count; i++) {
            lines.add("u" + (i % 5) + ",i" + i + "," + (1_714_564_800 + i));
        }
        return Files.write(dir.resolve("events.csv"), lines);
    }

    @Test
    void behavioursGoInBatchesInFileOrderWithProgressByLine() throws Exception {
        Backfill.Summary summary = Backfill.run(useCase(b -> new IngestionOutcome.Accepted(b.eventId())), TENANT, DatasetFormat.CSV,
                events(2500), Optional.empty(), listener);

        assertThat(batchSizes).containsExactly(Backfill.BATCH, Backfill.BATCH, 500);
        assertThat(linesDone).containsExactly(1001, 2001, 2501);
        assertThat(summary).isEqualTo(new Backfill.Summary(2500, 2500, 0, 0, 0, 0, 0));
    }

    @Test
    void behavioursThePolicyRefusesAreBadLinesOfTheirOwnLine() throws Exception {
        Path file = events(10);

        Backfill.Summary summary = Backfill.run(useCase(b -> b.itemId().value().equals("i3")
                ? new IngestionOutcome.Rejected(b.eventId(), "timestamp", "timestamp_too_old", "too old")
                : new IngestionOutcome.Duplicate(b.eventId())), TENANT, DatasetFormat.CSV, file, Optional.empty(), listener);

        assertThat(badLines).containsExactly(new BadLine(file, 5, "timestamp", "too old (timestamp_too_old)"));
        assertThat(summary).isEqualTo(new Backfill.Summary(10, 0, 9, 1, 0, 0, 0));
        assertThat(summary.clean()).isFalse();
    }

    @Test
    void aStoreFailureEndsTheImportWithThatFailureAndStopsTheReader() throws Exception {
        Path file = events(20_000);
        ImportHistoryUseCase failing = useCase(b -> {
            throw new IllegalStateException("store down");
        });

        assertThatThrownBy(() -> Backfill.run(failing, TENANT, DatasetFormat.CSV, file, Optional.empty(), listener))
                .isInstanceOf(IllegalStateException.class).hasMessage("store down");
        assertThat(batchSizes).hasSize(1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (readerAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readerAlive()).as("the reader thread ended").isFalse();
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("lethe-import-reader") && t.isAlive());
    }
}
