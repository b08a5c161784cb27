package dev.lethe.bootstrap.cli;

import com.google.inject.Module;
import dev.lethe.application.port.in.ManageModelsUseCase;
import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.application.port.in.TrainModelUseCase;
import dev.lethe.application.service.training.TrainModelService;
import dev.lethe.bootstrap.LetheRuntime;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.TrainingStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lethe train}: trains a model version for a tenant on the configured database, with a
 * progress bar, then registers it and plots its training curve. The same use case as
 * {@code POST /v1/training-jobs}, waited for.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model version for a tenant from its stored events (fits its forgetting curves first).")
public final class TrainCommand implements Callable<Integer> {
    private static final int STEPS = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainingJobOptions job;

    @Option(names = "--family", defaultValue = "profile", description = "model family, e.g. profile, decayed-pop, lstm, lstm-notime, lethe (default: ${DEFAULT-VALUE})")
    String family;


    private final Clock clock;
    private final Function<LetheConfig, Module> engines;

    public TrainCommand(Clock clock, Function<LetheConfig, Module> engines) {
        this.clock = clock;
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        TrainModelCommand command;
        try {
            command = new TrainModelCommand(job.tenantId(), family, job.activationPolicy());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return run(spec, job.server, command, clock, engines, done -> { });
    }

    /**
     * Runs {@code command} as a job on the configured database with a progress bar, waits for it, prints
     * the registered version and its training curve, and hands the succeeded job to {@code onSuccess}.
     */
    static int run(CommandSpec spec, ServerOptions options, TrainModelCommand command, Clock clock, Function<LetheConfig, Module> engines,
                   Consumer<TrainingJob> onSuccess) throws Exception {
        String family = command.family();
        LetheConfig config = options.resolve(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        try (LetheRuntime runtime = LetheRuntime.prepare(config, clock, engines.apply(config))) {
            TrainModelUseCase training = runtime.get(TrainModelUseCase.class);
            if (!training.families().contains(family)) {
                throw new ParameterException(spec.commandLine(), "--family must be one of " + training.families() + ", got: " + family);
            }
            TrainingJob job;
            try {
                job = training.start(command);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (PlainProgress.terminal()) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train " + family).setInitialMax(STEPS)
                        .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
                    while (!job.status().finished()) {
                        Thread.sleep(250);
                        job = training.job(command.tenantId(), job.id()).orElseThrow();
                        bar.stepTo(Math.round(job.progress() * STEPS));
                        bar.setExtraMessage(job.message());
                    }
                }
            } else {
                PlainProgress progress = new PlainProgress(out);
                while (!job.status().finished()) {
                    Thread.sleep(250);
                    job = training.job(command.tenantId(), job.id()).orElseThrow();
                    progress.report("train " + family, Math.round(job.progress() * STEPS), STEPS, job.message());
                }
            }
            if (job.status() == TrainingStatus.FAILED) {
                spec.commandLine().getErr().println("training failed: " + job.error().orElse("unknown reason"));
                return 1;
            }
            int version = job.modelVersion().orElseThrow();
            Map<String, Double> validation = new TreeMap<>(job.metrics());
            validation.keySet().removeIf(name -> name.startsWith("tune."));
            out.printf(Locale.ROOT, "registered %s version %d of tenant %s; validation %s%n", family, version, command.tenantId().value(),
                    validation);
            var registered = runtime.get(ManageModelsUseCase.class).list(command.tenantId()).stream()
                    .filter(v -> v.version() == version).findFirst().orElseThrow();
            out.printf("active: %s; artifact: %s%n", registered.active(), registered.artifactLocation());
            for (Path plot : TrainingCurvePlot.render(Path.of(registered.artifactLocation()).resolve(TrainModelService.TRAINING_CURVE))) {
                out.println("training curve: " + plot);
            }
            onSuccess.accept(job);
            return 0;
        }
    }
}
