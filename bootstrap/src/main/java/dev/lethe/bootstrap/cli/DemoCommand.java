package dev.lethe.bootstrap.cli;

import com.google.inject.Module;
import dev.lethe.application.port.in.CreateTenantCommand;
import dev.lethe.application.port.in.CreateTenantResult;
import dev.lethe.application.port.in.CreateTenantUseCase;
import dev.lethe.application.port.in.IngestBehaviorsCommand;
import dev.lethe.application.port.in.IngestBehaviorsUseCase;
import dev.lethe.application.port.in.IngestionOutcome;
import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.port.in.UpsertItemCommand;
import dev.lethe.application.port.in.UpsertItemUseCase;
import dev.lethe.bootstrap.LetheRuntime;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.TrainingStatus;
import dev.lethe.application.service.serving.JavaFamilies;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe demo}: seeds three demo tenants (e-commerce, video, finance) with synthetic users whose
 * interests fade with a known half-life, then serves the API. Seeding happens once per data directory;
 * a restart keeps the data and skips it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Serve the API with three demo tenants (shop, tube, bank) seeded with synthetic data.")
public final class DemoCommand implements Callable<Integer> {
    /** The demo admin key, used when none is configured. */
    public static final String DEMO_ADMIN_KEY = "lethe-demo-admin-key-change-me";

    /** One demo tenant with its well-known API key. */
    public record DemoTenant(String id, String name, TenantKind kind, String apiKey) {}

    /** The demo tenants; their keys are public, so never use the demo against real data. */
    public static final List<DemoTenant> TENANTS = List.of(
            new DemoTenant("shop", "Demo shop", TenantKind.ECOMMERCE, "shop-demo-key-0000000000000001"),
            new DemoTenant("tube", "Demo video service", TenantKind.VIDEO, "tube-demo-key-0000000000000002"),
            new DemoTenant("bank", "Demo broker", TenantKind.FINANCE, "bank-demo-key-0000000000000003"));

    private static final int BATCH = 5_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--users", defaultValue = "100", description = "synthetic users per demo tenant (default: ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--days", defaultValue = "180", description = "days of history, ending now (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed-only", description = "seed the demo tenants and exit instead of serving")
    boolean seedOnly;

    private final Clock clock;
    private final Function<LetheConfig, Module> engines;

    public DemoCommand(Clock clock, Function<LetheConfig, Module> engines) {
        this.clock = clock;
        this.engines = engines;
    }

    @Override
    public Integer call() throws InterruptedException {
        LetheConfig config = options.resolve(System.getenv());
        if (config.adminKey().isBlank()) {
            config = config.withAdminKey(DEMO_ADMIN_KEY);
        }
        PrintWriter out = spec.commandLine().getOut();
        LetheRuntime runtime = LetheRuntime.prepare(config, clock, engines.apply(config));
        runtime.closeOnShutdown();
        List<TrainingJob> jobs = seed(runtime, out);
        if (!jobs.isEmpty()) {
            out.println("waiting for the seed training jobs (forgetting curves and the profile model) before listening…");
            out.flush();
            awaitSeedTraining(runtime, jobs, out);
        }
        if (seedOnly) {
            runtime.close();
            return 0;
        }
        int port = runtime.listen();
        printBanner(out, port, config);
        new CountDownLatch(1).await();
        return 0;
    }

    /**
     * Waits until the seed training jobs have ended, so that the demo listens (and {@code /health/ready}
     * answers 200) only once its models are trained; before, every answer would come from decayed popularity.
     */
    private static void awaitSeedTraining(LetheRuntime runtime, List<TrainingJob> jobs, PrintWriter out) throws InterruptedException {
        TrainModelUseCase train = runtime.get(TrainModelUseCase.class);
        for (TrainingJob started : jobs) {
            while (true) {
                Optional<TrainingJob> now = train.job(started.tenantId(), started.id());
                if (now.isEmpty() || now.get().status().finished()) {
                    String outcome = now.map(j -> j.status() + (j.status() == TrainingStatus.FAILED ? " (" + j.message() + "): this tenant serves decayed popularity" : ""))
                            .orElse("gone");
                    out.printf("seed training of %s: %s%n", started.tenantId().value(), outcome);
                    out.flush();
                    break;
                }
                Thread.sleep(500);
            }
        }
    }

    private List<TrainingJob> seed(LetheRuntime runtime, PrintWriter out) {
        List<TrainingJob> jobs = new ArrayList<>();
        CreateTenantUseCase create = runtime.get(CreateTenantUseCase.class);
        UpsertItemUseCase upsert = runtime.get(UpsertItemUseCase.class);
        IngestBehaviorsUseCase ingest = runtime.get(IngestBehaviorsUseCase.class);
        TrainModelUseCase train = runtime.get(TrainModelUseCase.class);
        for (DemoTenant demo : TENANTS) {
            TenantId id = new TenantId(demo.id());
            CreateTenantResult result = create.create(new CreateTenantCommand(id, demo.name(), demo.kind(), Optional.of(demo.apiKey())));
            if (!(result instanceof CreateTenantResult.Created)) {
                out.printf("demo tenant %s exists already: keeping its data%n", demo.id());
                out.flush();
                continue;
            }
            Instant now = clock.instant();
            SyntheticTenant tenant = new SyntheticGenerator(demo.kind(), users, 42, now, Duration.ofDays(days)).generate();
            // The generated catalogue was there all along: its items entered it when the generated history starts.
            Instant opened = now.minus(Duration.ofDays(days));
            for (Item item : tenant.items()) {
                upsert.upsert(new UpsertItemCommand(id, item.createdAt().isPresent() ? item : item.withCreatedAt(opened)));
            }
            List<Behavior> log = tenant.behaviors();
            long accepted = 0;
            boolean terminal = PlainProgress.terminal();
            PlainProgress plain = new PlainProgress(out);
            for (int from = 0; from < log.size(); from += BATCH) {
                List<IngestionOutcome> outcomes = ingest.ingest(new IngestBehaviorsCommand(id, log.subList(from, Math.min(log.size(), from + BATCH))));
                accepted += outcomes.stream().filter(o -> o instanceof IngestionOutcome.Accepted).count();
                int done = Math.min(log.size(), from + BATCH);
                if (terminal) {
                    out.printf("\rseeding %s: %d/%d events", demo.id(), done, log.size());
                    out.flush();
                } else {
                    plain.report("seeding " + demo.id() + " events", done, log.size(), "");
                }
            }
            out.printf((terminal ? "%n" : "") + "seeded %s (%s): %d items, %d events, true half-life %.0f days%n", demo.id(), demo.kind().wireName(),
                    tenant.items().size(), accepted, tenant.truth().halfLifeDays());
            // Fit the tenant's forgetting curves and train the interest-profile model; the demo listens once this has ended.
            TrainingJob job = train.start(new TrainModelCommand(id, JavaFamilies.PROFILE, Activation.ALWAYS));
            out.printf("training job %s (%s) started for %s%n", job.id(), job.family(), demo.id());
            out.flush();
            jobs.add(job);
        }
        return jobs;
    }

    private static void printBanner(PrintWriter out, int port, LetheConfig config) {
        String base = "http://localhost:" + port;
        out.printf("%nLethe demo is up on %s (data in %s)%n", base, config.dataDir().toAbsolutePath().normalize());
        out.println("Demo tenants and their API keys:");
        for (DemoTenant t : TENANTS) {
            out.printf("  %-5s %-10s %s%n", t.id(), t.kind().wireName(), t.apiKey());
        }
        out.printf("Try:%n  curl -s '%s/v1/users/u00001/recommendations?k=5&explain=true' -H 'Authorization: Bearer %s'%n", base, TENANTS.get(0).apiKey());
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
