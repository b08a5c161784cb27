package dev.lethe.bootstrap.dataset;

import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.application.port.in.ImportHistoryUseCase.ItemsImported;
import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.tenant.TenantId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams a dataset into a tenant's store: the items first, then the behaviours in batches of
 * {@link #BATCH} through {@link ImportHistoryUseCase}. A bad line (unreadable field, or a behaviour the
 * ingestion policy refuses) is reported to the listener and counted, and the import reads on.
 */
public final class Backfill {
    /** Behaviours per append: one transaction, one multi-row INSERT. */
    public static final int BATCH = 1000;

    /** Hears about progress and bad lines while an import runs. */
    public interface Listener {
        /** The behaviours up to {@code line} of the events file are stored (or found duplicate, or bad). */
        void linesDone(int line);

        /**
         * One bad line of the item or the events file: unreadable lines as they are read, behaviours the
         * ingestion policy refuses when their batch is stored.
         */
        void badLine(BadLine bad);
    }

    /** What an import did: every data line read is stored, a duplicate or bad. */
    public record Summary(long read, long stored, long duplicate, long bad, int itemsUpserted, int itemsUnchanged, int itemsBad) {
        /** True when no line of either file was bad. */
        public boolean clean() {
            return bad == 0 && itemsBad == 0;
        }
    }

    private final ImportHistoryUseCase useCase;
    private final TenantId tenant;
    private final Listener listener;
    private final List<Behavior> batch = new ArrayList<>(BATCH);
    private final List<Integer> batchLines = new ArrayList<>(BATCH);
    private Path eventsFile;
    private long read;
    private long stored;
    private long duplicate;
    private long bad;

    private Backfill(ImportHistoryUseCase useCase, TenantId tenant, Listener listener) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Imports {@code events} (and the items of {@code format.itemFile(events, itemFile)}) into {@code tenant}.
     * Throws {@link IllegalArgumentException} when a file as a whole cannot be read; nothing of the events
     * was stored then unless the error came after the first batch (re-running is safe either way).
     */
    public static Summary run(ImportHistoryUseCase useCase, TenantId tenant, DatasetFormat format, Path events, Optional<Path> itemFile,
            Listener listener) {
        Optional<Path> items = format.itemFile(events, itemFile);
        Backfill backfill = new Backfill(useCase, tenant, listener);
        int[] itemsBad = {0};
        ItemsImported imported = items.map(file -> {
            List<Item> catalogue = new ArrayList<>(format.readItems(file, badLine -> {
                itemsBad[0]++;
                listener.badLine(badLine);
            }).values());
            catalogue.sort((a, b) -> a.id().value().compareTo(b.id().value()));
            return useCase.importItems(tenant, catalogue);
        }).orElse(new ItemsImported(0, 0));
        backfill.eventsFile = events;
        format.forEachEvent(events, backfill::badLine, backfill::add);
        backfill.flush();
        return new Summary(backfill.read, backfill.stored, backfill.duplicate, backfill.bad, imported.upserted(), imported.unchanged(), itemsBad[0]);
    }

    private void badLine(BadLine line) {
        read++;
        bad++;
        listener.badLine(line);
    }

    private void add(Behavior behavior, int line) {
        read++;
        batch.add(behavior);
        batchLines.add(line);
        if (batch.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<IngestionOutcome> outcomes = useCase.importBehaviors(new IngestBehaviorsCommand(tenant, batch));
        for (int i = 0; i < outcomes.size(); i++) {
            IngestionOutcome outcome = outcomes.get(i);
            if (outcome instanceof IngestionOutcome.Accepted) {
                stored++;
            } else if (outcome instanceof IngestionOutcome.Duplicate) {
                duplicate++;
            } else if (outcome instanceof IngestionOutcome.Rejected rejected) {
                bad++;
                listener.badLine(new BadLine(eventsFile, batchLines.get(i), rejected.field(), rejected.detail() + " (" + rejected.code() + ")"));
            }
        }
        listener.linesDone(batchLines.get(batchLines.size() - 1));
        batch.clear();
        batchLines.clear();
    }
}
