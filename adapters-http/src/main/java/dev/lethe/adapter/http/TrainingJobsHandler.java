package dev.lethe.adapter.http;

import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.domain.training.Activation;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.training.JobLease;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.Tuning;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /v1/training-jobs}: start a job (202), follow its status, progress and metrics. */
final class TrainingJobsHandler {
    static final int LIST_LIMIT = 50;
    private final TrainModelUseCase train;
    private final Blocking blocking;

    TrainingJobsHandler(TrainModelUseCase train, Blocking blocking) {
        this.train = train;
        this.blocking = blocking;
    }

    /** The lease's owner (a host and process id) is the operator's business and stays out of the tenant's view. */
    record JobResponse(String id, String family, String activation, String status, double progress, String message,
                       Map<String, Double> metrics, Integer modelVersion, String error, int attempts, Instant leaseExpiresAt,
                       Instant createdAt, Instant updatedAt, TuneResponse tune) {
        static JobResponse of(TrainingJob job) {
            return new JobResponse(job.id(), job.family(), job.activation().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    job.status().name().toLowerCase(Locale.ROOT), job.progress(), job.message(), job.metrics(),
                    job.modelVersion().orElse(null), job.error().orElse(null), job.attempts(),
                    job.lease().map(JobLease::expiresAt).orElse(null), job.createdAt(), job.updatedAt(),
                    job.tuning().map(t -> new TuneResponse(t.budgetSeconds(), t.seed(), t.maxTrials())).orElse(null));
        }
    }

    /** The settings search the job was asked to run (its trials are in {@code metrics} once it succeeded). */
    record TuneResponse(int budgetSeconds, long seed, int maxTrials) {}

    record JobsResponse(List<JobResponse> jobs) {}

    void start(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        JsonFields f = JsonFields.of(Json.tree(ctx.body().buffer(), "body"), "", Set.of("family", "activation", "tune"));
        String family = f.requiredText("family");
        Activation activation = f.convert("activation", f.optionalText("activation").orElse("if-better"),
                text -> Activation.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_')));
        Optional<Tuning> tuning = f.raw("tune").isMissingNode() || f.raw("tune").isNull() ? Optional.empty() : Optional.of(tuning(f.raw("tune")));
        TrainModelCommand command = new TrainModelCommand(tenant.id(), family, activation, tuning);
        blocking.run(ctx, () -> train.start(command), (c, job) -> {
            c.response().putHeader("Location", "/v1/training-jobs/" + job.id());
            Blocking.json(c, 202, JobResponse.of(job));
        });
    }

    /** {@code {"budgetSeconds": 60, "seed": 1, "maxTrials": 200}}: budgetSeconds required, each value checked by {@link Tuning}. */
    private static Tuning tuning(JsonNode json) {
        JsonFields t = JsonFields.of(json, "tune.", Set.of("budgetSeconds", "seed", "maxTrials"));
        long budget = t.optionalInteger("budgetSeconds")
                .orElseThrow(() -> Problem.badRequest(t.field("budgetSeconds"), "missing_field", "budgetSeconds is required"));
        long seed = t.optionalInteger("seed").orElse(Tuning.DEFAULT_SEED);
        long trials = t.optionalInteger("maxTrials").orElse(Tuning.DEFAULT_TRIALS);
        t.convert("budgetSeconds", budget, b -> new Tuning(Math.toIntExact(Math.max(0, Math.min(b, Integer.MAX_VALUE))), seed, Tuning.DEFAULT_TRIALS));
        return t.convert("maxTrials", trials, n -> new Tuning((int) budget, seed, Math.toIntExact(Math.max(0, Math.min(n, Integer.MAX_VALUE)))));
    }

    void get(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        String id = ctx.pathParam("jobId");
        if (id.length() > 64) {
            throw Problem.badRequest("jobId", "invalid_id", "jobId must be at most 64 characters");
        }
        blocking.run(ctx, () -> train.job(tenant.id(), id), (c, job) ->
                Blocking.jsonOrMissing(c, job, JobResponse::of, Problem.notFound("jobId", "no training job " + id)));
    }

    void list(RoutingContext ctx) {
        Tenant tenant = ApiKeyAuthHandler.tenant(ctx);
        blocking.run(ctx, () -> train.jobs(tenant.id(), LIST_LIMIT),
                (c, jobs) -> Blocking.json(c, 200, new JobsResponse(jobs.stream().map(JobResponse::of).toList())));
    }
}
