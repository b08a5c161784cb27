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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Streams a dataset into a tenant's store: the items first, then the behaviours in batches of
 * {@link #BATCH} through {@link ImportHistoryUseCase}. A bad line (unreadable field, or a behaviour the
 * ingestion policy refuses) is reported to the listener and counted, and the import reads on.
 *
 * <p>A reader thread parses the next batches while the calling thread stores the current one, so the
 * parsing (ids hashed, fields checked) overlaps the database's round trips; the listener is called on
 * the calling thread only.
 */
public final class Backfill {
    /** Behaviours per append: one transaction, one multi-row INSERT. */
    public static final int BATCH = 1000;
    /** Parsed batches the reader may be ahead of the writer. */
    private static final int AHEAD = 4;

    /** Hears about progress and bad lines while an import runs. */
    public interface Listener {
        /** The behaviours up to {@code line} of the events file are stored (or found duplicate, or bad). */
        void linesDone(int line);

        /**
         * One bad line of the item or the events file: unreadable lines in file order, behaviours the
         * ingestion policy refuses after the unreadable lines of their batch.
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

    /** One batch as the reader hands it over: the behaviours, their line numbers, the unreadable lines among them. */
    private record Chunk(List<Behavior> behaviors, List<Integer> lines, List<BadLine> unreadable, int lastLine, RuntimeException failure,
            boolean end) {}

    private Backfill() {}

    /**
     * Imports {@code events} (and the items of {@code format.itemFile(events, itemFile)}) into {@code tenant}.
     * Throws {@link IllegalArgumentException} when a file as a whole cannot be read; nothing of the events
     * was stored then unless the error came after the first batch (re-running is safe either way).
     */
    public static Summary run(ImportHistoryUseCase useCase, TenantId tenant, DatasetFormat format, Path events, Optional<Path> itemFile,
            Listener listener) {
        Objects.requireNonNull(useCase, "useCase");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(listener, "listener");
        Optional<Path> items = format.itemFile(events, itemFile);
        int[] itemsBad = {0};
        ItemsImported imported = items.map(file -> {
            List<Item> catalogue = new ArrayList<>(format.readItems(file, badLine -> {
                itemsBad[0]++;
                listener.badLine(badLine);
            }).values());
            catalogue.sort(Comparator.comparing(item -> item.id().value()));
            return useCase.importItems(tenant, catalogue);
        }).orElse(new ItemsImported(0, 0));

        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(AHEAD);
        Thread reader = new Thread(() -> read(format, events, queue), "lethe-import-reader");
        reader.setDaemon(true);
        reader.start();
        long read = 0;
        long stored = 0;
        long duplicate = 0;
        long bad = 0;
        try {
            while (true) {
                Chunk chunk = queue.take();
                if (chunk.failure() != null) {
                    throw chunk.failure();
                }
                for (BadLine unreadable : chunk.unreadable()) {
                    listener.badLine(unreadable);
                }
                read += chunk.behaviors().size() + chunk.unreadable().size();
                bad += chunk.unreadable().size();
                if (!chunk.behaviors().isEmpty()) {
                    List<IngestionOutcome> outcomes = useCase.importBehaviors(new IngestBehaviorsCommand(tenant, chunk.behaviors()));
                    for (int i = 0; i < outcomes.size(); i++) {
                        IngestionOutcome outcome = outcomes.get(i);
                        if (outcome instanceof IngestionOutcome.Accepted) {
                            stored++;
                        } else if (outcome instanceof IngestionOutcome.Duplicate) {
                            duplicate++;
                        } else if (outcome instanceof IngestionOutcome.Rejected rejected) {
                            bad++;
                            listener.badLine(new BadLine(events, chunk.lines().get(i), rejected.field(),
                                    rejected.detail() + " (" + rejected.code() + ")"));
                        }
                    }
                }
                if (chunk.lastLine() > 0) {
                    listener.linesDone(chunk.lastLine());
                }
                if (chunk.end()) {
                    return new Summary(read, stored, duplicate, bad, imported.upserted(), imported.unchanged(), itemsBad[0]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import of " + events + " was interrupted", e);
        } finally {
            reader.interrupt();
        }
    }

    /** The reader thread: parses {@code events} into chunks of {@link #BATCH} behaviours, then an end chunk (or a failure). */
    private static void read(DatasetFormat format, Path events, BlockingQueue<Chunk> queue) {
        List<Behavior> behaviors = new ArrayList<>(BATCH);
        List<Integer> lines = new ArrayList<>(BATCH);
        List<BadLine> unreadable = new ArrayList<>();
        int[] lastLine = {0};
        try {
            format.forEachEvent(events, bad -> {
                unreadable.add(bad);
                lastLine[0] = bad.line();
            }, (behavior, line) -> {
                behaviors.add(behavior);
                lines.add(line);
                lastLine[0] = line;
                if (behaviors.size() == BATCH) {
                    put(queue, new Chunk(List.copyOf(behaviors), List.copyOf(lines), List.copyOf(unreadable), line, null, false));
                    behaviors.clear();
                    lines.clear();
                    unreadable.clear();
                }
            });
            put(queue, new Chunk(List.copyOf(behaviors), List.copyOf(lines), List.copyOf(unreadable), lastLine[0], null, true));
        } catch (Stopped e) {
            // The writer gave up (a database failure) or finished; nothing is waiting for more chunks.
        } catch (RuntimeException | Error e) {
            // Handed to the writer, which rethrows it; an Error too, or the writer would wait forever.
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException("reading " + events + " failed", e);
            try {
                queue.put(new Chunk(List.of(), List.of(), List.of(), 0, failure, true));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void put(BlockingQueue<Chunk> queue, Chunk chunk) {
        try {
            queue.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Ends the reader thread when the writer no longer takes chunks. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
