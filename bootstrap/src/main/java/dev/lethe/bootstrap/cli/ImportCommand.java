package dev.lethe.bootstrap.cli;

import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.ImportHistoryUseCase;
import dev.lethe.bootstrap.ApplicationModule;
import dev.lethe.bootstrap.LetheRuntime;
import dev.lethe.bootstrap.dataset.Backfill;
import dev.lethe.bootstrap.dataset.BadLine;
import dev.lethe.bootstrap.dataset.DatasetFormat;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lethe import}: backfills a tenant's history from a dataset file into the configured database,
 * idempotently (see {@link DatasetFormat} for the event ids of lines without one), reporting bad lines and
 * reading on past them.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Backfill a tenant's history (behaviours and items) from a file into the configured database.",
            "Re-running the same import stores nothing twice. Bad lines are reported (file, line, field, reason) and skipped.",
            "Exit status: 0 every line stored or duplicate; 3 done, but some lines were bad; 2 bad input "
                    + "(options, unreadable file or header, unknown tenant), nothing imported; 1 the database failed."})
public final class ImportCommand implements Callable<Integer> {
    /** Exit status for bad input: nothing was imported. */
    public static final int BAD_INPUT = 2;
    /** Exit status when the import ran to the end but some lines were bad. */
    public static final int BAD_LINES = 3;
    /** Bad lines printed one by one; the rest are counted. */
    static final int SHOWN_BAD_LINES = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--tenant", required = true, description = "the tenant id")
    String tenant;

    @Option(names = "--format", required = true, description = "csv (user,item,timestamp[,type,value,event_id]), movielens-csv or movielens-100k")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "events.csv, ratings.csv or u.data")
    Path file;

    @Option(names = "--items", paramLabel = "FILE", description = "the items file (default: items.csv, movies.csv or u.item beside FILE, when present)")
    Path items;

    @Option(names = "--create-tenant", paramLabel = "KIND", description = "create the tenant when it does not exist, "
            + "of kind ecommerce, video or finance (its API key is printed once)")
    String createTenant;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    private final Clock clock;

    public ImportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        DatasetFormat datasetFormat;
        TenantId tenantId;
        Optional<TenantKind> kind;
        try {
            datasetFormat = DatasetFormat.parse(format);
            tenantId = new TenantId(tenant);
            kind = Optional.ofNullable(createTenant).map(TenantKind::parse);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long lines;
        try {
            datasetFormat.itemFile(file, Optional.ofNullable(items));
            lines = countLines(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("import: " + e.getMessage());
            return BAD_INPUT;
        }
        LetheConfig config = options.resolve(System.getenv());
        try (LetheRuntime runtime = LetheRuntime.prepare(config, clock, new ApplicationModule.NoEngineModule())) {
            ImportHistoryUseCase useCase = runtime.get(ImportHistoryUseCase.class);
            if (useCase.tenant(tenantId).isEmpty()) {
                if (kind.isEmpty()) {
                    err.println("import: tenant '" + tenantId + "' does not exist; create it first (POST /v1/tenants) "
                            + "or pass --create-tenant ecommerce|video|finance");
                    return BAD_INPUT;
                }
                createTenant(runtime.get(CreateTenantUseCase.class), tenantId, kind.get(), out);
            }
            BadLinePrinter printer = new BadLinePrinter(err);
            Backfill.Summary summary;
            String task = "import " + file.getFileName();
            try (ImportProgress progress = ImportProgress.of(System.console() != null, quiet, task, lines, System.out, out, System::nanoTime)) {
                summary = Backfill.run(useCase, tenantId, datasetFormat, file, Optional.ofNullable(items), new Backfill.Listener() {
                    @Override
                    public void linesDone(int line) {
                        progress.linesDone(line);
                    }

                    @Override
                    public void badLine(BadLine bad) {
                        printer.print(bad);
                    }
                });
            } catch (IllegalArgumentException | UncheckedIOException e) {
                err.println("import: " + e.getMessage());
                return BAD_INPUT;
            }
            printer.finish();
            out.printf(Locale.ROOT, "imported %s into tenant %s: read %,d, stored %,d, duplicate %,d, bad %,d; "
                            + "items: upserted %,d, unchanged %,d, bad %,d%n",
                    file, tenantId, summary.read(), summary.stored(), summary.duplicate(), summary.bad(),
                    summary.itemsUpserted(), summary.itemsUnchanged(), summary.itemsBad());
            return summary.clean() ? 0 : BAD_LINES;
        }
    }

    private static void createTenant(CreateTenantUseCase tenants, TenantId tenantId, TenantKind kind, PrintWriter out) {
        CreateTenantResult result = tenants.create(new CreateTenantCommand(tenantId, tenantId.value(), kind, Optional.empty()));
        if (result instanceof CreateTenantResult.Created created) {
            out.printf("created tenant %s (%s); its API key, shown only now: %s%n", tenantId, kind.wireName(), created.apiKey());
        }
        // AlreadyExists: a concurrent creation won the race; the import goes into that tenant as asked.
    }

    /** Lines of the file, for the progress total (one quick pass; the page cache serves the import's own pass). */
    private static long countLines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("FILE must be a readable file, got: " + file);
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            long n = 0;
            while (reader.readLine() != null) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Prints the first {@link #SHOWN_BAD_LINES} bad lines and counts the rest. */
    private static final class BadLinePrinter {
        private final PrintWriter err;
        private long count;

        BadLinePrinter(PrintWriter err) {
            this.err = err;
        }

        void print(BadLine bad) {
            count++;
            if (count <= SHOWN_BAD_LINES) {
                err.println("bad line: " + bad.message());
            }
        }

        void finish() {
            if (count > SHOWN_BAD_LINES) {
                err.printf(Locale.ROOT, "... and %,d more bad lines (%,d in all)%n", count - SHOWN_BAD_LINES, count);
            }
            err.flush();
        }
    }
}
