package dev.lethe.application.service.training;

import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TrainingJobRepository;
import dev.lethe.application.service.serving.JavaFamilies;
import dev.lethe.application.service.serving.ServingArtifact;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.serving.TenantLog;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.ProfileTuning;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.training.Tuning;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.Activation;
import dev.lethe.domain.training.TrainingJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.lethe.application.service.forgetting.FitForgettingCurvesService;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Trains a model on a tenant's log: {@link #start} stores a queued job and wakes this process's
 * {@link TrainingWorker}, which claims it under a lease (or another process's worker does: exactly one
 * runs it) and runs it here: the log streamed in time order,
 * leave-last-out validation cases, the family's trainer (Java families in-process, file-backed ones
 * through the {@link ModelEnginePort}), validation HR@10 and NDCG@10, the artifact written under the
 * artifact directory, the version registered and activated by policy. Progress is saved at most once
 * per {@link #PROGRESS_INTERVAL}, each save renewing the job's lease.
 */
public final class TrainModelService implements TrainModelUseCase {
    /** How often at most a running job's progress is written to the store. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    /** Validation cases scored at most per job (users spread over the tenant). */
    public static final int MAX_VALIDATION_CASES = 2_000;
    /** Engine recorded for versions computed in-process. */
    public static final String JAVA_ENGINE = "java";

    private static final System.Logger LOG = System.getLogger(TrainModelService.class.getName());

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final ModelRegistry registry;
    private final TrainingJobRepository jobs;
    private final ServingModels serving;
    private final Optional<ModelEnginePort> engine;
    private final Path artifactDirectory;
    private final Semaphore queued = new Semaphore(0);
    private final Clock clock;
    private final Optional<FitForgettingCurvesService> curveFitting;

    /** The file, in a version's artifact directory, holding the trainer's per-step metrics as CSV. */
    public static final String TRAINING_CURVE = "training-curve.csv";

    /**
     * @param artifactDirectory where versions are written, one directory per tenant and version
     */
    public TrainModelService(BehaviorRepository behaviors, ItemRepository items, ModelRegistry registry, TrainingJobRepository jobs,
                             ServingModels serving, Optional<ModelEnginePort> engine, Path artifactDirectory, Clock clock) {
        this(behaviors, items, registry, jobs, serving, engine, artifactDirectory, clock, Optional.empty());
    }

    /**
     * @param curveFitting when present, every job first refits and stores the tenant's forgetting curves
     */
    public TrainModelService(BehaviorRepository behaviors, ItemRepository items, ModelRegistry registry, TrainingJobRepository jobs,
                             ServingModels serving, Optional<ModelEnginePort> engine, Path artifactDirectory, Clock clock,
                             Optional<FitForgettingCurvesService> curveFitting) {
        this.behaviors = behaviors;
        this.items = items;
        this.registry = registry;
        this.jobs = jobs;
        this.serving = serving;
        this.engine = engine;
        this.artifactDirectory = artifactDirectory;
        this.clock = clock;
        this.curveFitting = curveFitting;
    }

    @Override
    public Set<String> families() {
        Set<String> all = new TreeSet<>(JavaFamilies.names());
        engine.ifPresent(e -> all.addAll(e.families()));
        return all;
    }

    @Override
    public TrainingJob start(TrainModelCommand command) {
        if (!families().contains(command.family())) {
            throw new IllegalArgumentException("family must be one of " + families() + ", got: " + command.family());
        }
        if (command.tuning().isPresent() && !tunable().contains(command.family())) {
            throw new IllegalArgumentException("tune is only for the families " + tunable() + "; family "
                    + command.family() + " has no settings a job can search");
        }
        TrainingJob job = TrainingJob.queued(UUID.randomUUID().toString(), command.tenantId(), command.family(), command.activation(),
                command.tuning(), clock.instant());
        jobs.save(job);
        queued.release();
        return job;
    }

    @Override
    public Optional<TrainingJob> job(TenantId tenantId, String jobId) {
        return jobs.find(tenantId, jobId);
    }

    @Override
    public List<TrainingJob> jobs(TenantId tenantId, int limit) {
        return jobs.list(tenantId, limit);
    }

    /** Waits until this process queues a job or {@code timeout} passes; true when one was queued. */
    boolean awaitQueued(Duration timeout) throws InterruptedException {
        boolean woken = queued.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        queued.drainPermits(); // one claim round looks at every queued job
        return woken;
    }

    /** Wakes every worker waiting in {@link #awaitQueued}, e.g. to let it see it should stop. */
    void wakeWorkers() {
        queued.release(Integer.MAX_VALUE / 2);
    }

    /** Claims the next job any process may run (see {@link TrainingJobRepository#claimNext}). */
    Optional<TrainingJob> claim(String owner, Duration lease, int maxAttempts) {
        Instant now = clock.instant();
        return jobs.claimNext(owner, now, now.plus(lease), maxAttempts);
    }

    /** Runs a claimed job on the calling thread to its end, or until its lease is lost. */
    void execute(Lease lease) {
        TrainingJob claimed = lease.job();
        run(claimed, claimed.activation(), new Progress(lease));
    }

    private void run(TrainingJob queued, Activation activation, Progress progress) {
        try {
            TenantId tenant = queued.tenantId();
            // Serving takes over from this sequence number: the artifact counts exactly the behaviours up to it.
            long watermark = behaviors.latestSequence();
            TrainingWindow window = TrainingWindow.of(serving.curveFor(tenant), clock.instant(),
                    behaviors.momentOfNewest(tenant, TrainingWindow.MAX_EVENTS));
            progress.report(0.01, "reading events " + window, true);
            TenantLog log = TenantLog.read(behaviors, items, tenant, window.since(), watermark);
            if (log.events().isEmpty()) {
                throw new IllegalStateException("the tenant has no events to train on");
            }
            curveFitting.ifPresent(fitting -> {
                progress.report(0.05, "fitting forgetting curves on " + log.events().size() + " events", true);
                fitting.fit(tenant, log.events(), log.categories());
            });
            TrainingData data = LeaveLastOut.split(log.catalogue(), log.events(), MAX_VALIDATION_CASES).withCategories(log.categories());
            progress.report(0.1, "training on " + data.events().size() + " events", true);

            JavaFamilies.Inputs inputs = new JavaFamilies.Inputs(serving.tenantCurve(tenant), log::categoriesOf, serving.weightsFor(tenant),
                    log::itemOf);
            AtomicReference<ProfileTuning.Result> search = new AtomicReference<>();
            Recommender model = train(queued.family(), queued.tuning(), inputs, data, progress, search::set);
            progress.report(0.8, "validating on " + data.validation().size() + " users", true);
            Map<String, Double> metrics = new HashMap<>(ValidationMetrics.evaluate(model, data.validation(),
                    done -> progress.report(0.8 + 0.15 * done / Math.max(1, data.validation().size()), "validating", false)));
            if (search.get() != null) {
                metrics.putAll(search.get().metrics());
            }
            metrics.put("training_events", (double) data.events().size());
            metrics.put("window_days", (double) java.time.Duration.between(window.since(), clock.instant()).toDays());

            int version = registry.nextVersion(tenant);
            Path directory = artifactDirectory.resolve(tenant.value()).resolve("v" + version);
            String engineName = writeArtifact(queued.family(), inputs, model, directory);
            progress.report(0.96, "writing the serving state", false);
            JavaFamilies.servingArtifact(queued.family(), inputs, model, log, watermark, clock.instant()).write(directory);
            try {
                progress.writeCurve(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the training curve to " + directory, e);
            }
            boolean activate = shouldActivate(tenant, activation, metrics.get(ValidationMetrics.NDCG));
            registry.register(new ModelVersion(tenant, version, queued.family(), engineName, metrics,
                    directory.toAbsolutePath().toString(), activate, clock.instant()));
            if (activate) {
                serving.invalidate(tenant);
            }
            progress.finish(progress.job().succeeded(version, metrics, clock.instant()));
        } catch (Lease.Lost e) {
            LOG.log(System.Logger.Level.WARNING, "training job " + queued.id() + " of tenant " + queued.tenantId() + " stopped: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "training job " + queued.id() + " of tenant " + queued.tenantId() + " failed", e);
            progress.finish(progress.job().failed(e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant()));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private Recommender train(String family, Optional<Tuning> tuning, JavaFamilies.Inputs inputs, TrainingData data, Progress progress,
                              Consumer<ProfileTuning.Result> onSearch) {
        TrainingListener listener = new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total, String message) {
                double share = total > 0 ? Math.min(1.0, done / (double) total) : 0;
                progress.report(0.1 + 0.7 * share, phase + " " + done + "/" + total + (message.isEmpty() ? "" : ", " + message), false);
            }

            @Override
            public void metric(String name, int step, double value) {
                progress.curve(name, step, value);
            }
        };
        Optional<ModelTrainer> trainer = tuning.isPresent()
                ? JavaFamilies.tunedTrainer(family, inputs, options(tuning.get()), clock, onSearch)
                : JavaFamilies.trainer(family, inputs);
        Optional<Recommender> inProcess = trainer.map(t -> t.train(data, listener));
        if (inProcess.isPresent()) {
            return inProcess.get();
        }
        ModelEnginePort trains = engine.orElseThrow(() -> new IllegalStateException("no engine trains " + family));
        if (!trains.blends().contains(family)) {
            return trains.train(family, data, listener);
        }
        // An engine's blend builds its interest profile as the profile family would: the tenant's curve and
        // behaviour weights, searched first when the job tunes.
        ModelTrainer profile = tuning.isPresent()
                ? JavaFamilies.tunedTrainer(JavaFamilies.PROFILE, inputs, options(tuning.get()), clock, onSearch).orElseThrow()
                : JavaFamilies.trainer(JavaFamilies.PROFILE, inputs).orElseThrow();
        return trains.train(family, data, profile, listener);
    }

    /** The families a job can tune: the tunable Java families and the engine's blends (their profile is searched). */
    private Set<String> tunable() {
        Set<String> all = new TreeSet<>(JavaFamilies.tunable());
        engine.ifPresent(e -> all.addAll(e.blends()));
        return all;
    }

    /** The search a job's {@link Tuning} asks for, NDCG@10 as the job's validation metrics. */
    static ProfileTuning.Options options(Tuning tuning) {
        return ProfileTuning.Options.of(Duration.ofSeconds(tuning.budgetSeconds()), tuning.seed(), tuning.maxTrials(), 10);
    }

    private String writeArtifact(String family, JavaFamilies.Inputs inputs, Recommender model, Path directory) {
        try {
            Files.createDirectories(directory);
            if (JavaFamilies.names().contains(family)) {
                ForgettingCurve curve = inputs.curve().curve();
                String description = "family=" + family + "\ncurve=" + curve + "\ncurveScope=" + inputs.curve().scope()
                        + "\nnote=served from " + ServingArtifact.DIRECTORY + "/ (state as of training, then kept up to date by the serving feed)\n";
                Files.writeString(directory.resolve("model.properties"), description, StandardCharsets.UTF_8);
                return JAVA_ENGINE;
            }
            ModelEnginePort port = engine.orElseThrow();
            port.save(model, directory);
            return port.engine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the artifact to " + directory, e);
        }
    }

    private boolean shouldActivate(TenantId tenant, Activation activation, double ndcg) {
        return switch (activation) {
            case ALWAYS -> true;
            case NEVER -> false;
            case IF_BETTER -> registry.active(tenant)
                    .map(active -> ndcg >= active.metrics().getOrDefault(ValidationMetrics.NDCG, Double.NEGATIVE_INFINITY))
                    .orElse(true);
        };
    }

    /** The job's latest state, written through its lease at most once per interval unless forced, and its training curve. */
    private final class Progress {
        private final Lease lease;
        private Instant lastSaved = Instant.MIN;
        private final StringBuilder curve = new StringBuilder();

        synchronized void curve(String name, int step, double value) {
            curve.append(step).append(',').append(name.replace(',', ' ')).append(',').append(value).append('\n');
        }

        /** Writes the per-step metrics the trainer reported (loss, validation NDCG…) as {@value #TRAINING_CURVE}. */
        synchronized void writeCurve(Path directory) throws IOException {
            if (curve.length() > 0) {
                Files.writeString(directory.resolve(TRAINING_CURVE), "step,metric,value\n" + curve, StandardCharsets.UTF_8);
            }
        }

        Progress(Lease lease) {
            this.lease = lease;
        }

        TrainingJob job() {
            return lease.job();
        }

        /** Stores the final state unless the lease was lost meanwhile (then the job is another process's). */
        void finish(TrainingJob done) {
            if (!lease.finish(done)) {
                LOG.log(System.Logger.Level.WARNING, "training job " + done.id() + " of tenant " + done.tenantId()
                        + " ended " + done.status() + " after its lease was lost; the outcome is not stored");
            }
        }

        synchronized void report(double share, String message, boolean force) {
            Instant now = clock.instant();
            boolean store = force || !now.isBefore(lastSaved.plus(PROGRESS_INTERVAL));
            lease.update(lease.job().running(share, message, now), store);
            if (store) {
                lastSaved = now;
            }
        }
    }
}
