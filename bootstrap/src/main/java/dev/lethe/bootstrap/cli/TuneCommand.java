package dev.lethe.bootstrap.cli;

import com.google.inject.Module;
import dev.lethe.application.port.in.TrainModelCommand;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.domain.training.TrainingJob;
import dev.lethe.domain.training.Tuning;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lethe tune}: {@code lethe train} with a settings search first. The job searches the family's
 * settings on the tenant's validation cases for the budget, trains the winner and registers it with
 * every trial in its metrics; the command prints the search. The same as
 * {@code POST /v1/training-jobs {"family": ..., "tune": {"budgetSeconds": ..., "seed": ...}}}, waited for.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = "Search a model family's settings on a tenant's validation cases for a time budget, then train and register the winner.")
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingJobOptions job;

    @Option(names = "--family", defaultValue = "profile", description = "the family to tune: profile, or lethe (its blended profile is searched) (default: ${DEFAULT-VALUE})")
    String family;

    @Option(names = "--budget-seconds", defaultValue = "60", description = "seconds of search after the component trials (default: ${DEFAULT-VALUE})")
    int budgetSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "the search's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-trials", defaultValue = "200", description = "at most this many trials (default: ${DEFAULT-VALUE})")
    int maxTrials;

    private final java.time.Clock clock;
    private final Function<LetheConfig, Module> engines;

    public TuneCommand(java.time.Clock clock, Function<LetheConfig, Module> engines) {
        this.clock = clock;
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        TrainModelCommand command;
        try {
            command = new TrainModelCommand(job.tenantId(), family, job.activationPolicy(),
                    Optional.of(new Tuning(budgetSeconds, seed, maxTrials)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return TrainCommand.run(spec, job.server, command, clock, engines, this::printSearch);
    }

    /** The search's summary and its five best trials, from the job's metrics. */
    private void printSearch(TrainingJob job) {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Double> m = job.metrics();
        String ndcg = "validation_ndcg@10";
        out.printf(Locale.ROOT, "search: %.0f trials in %.1f s on %.0f validation cases; defaults %.4f, best %.4f (trial %.0f)%n",
                m.getOrDefault("tune.trials", 0.0), m.getOrDefault("tune.seconds", 0.0), m.getOrDefault("tune.validation_cases", 0.0),
                m.getOrDefault("tune.defaults." + ndcg, Double.NaN), m.getOrDefault("tune.best." + ndcg, Double.NaN),
                m.getOrDefault("tune.best_trial", Double.NaN));
        Map<String, Double> best = new TreeMap<>();
        m.forEach((name, value) -> {
            if (name.startsWith("tune.best.") && !name.endsWith(ndcg)) {
                best.put(name.substring("tune.best.".length()), value);
            }
        });
        out.println("chosen settings: " + best);
        out.println("every trial is in the version's metrics as tune.trial.NNN.*");
    }
}
