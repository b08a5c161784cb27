package dev.lethe.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Module;
import dev.lethe.adapter.ml.knn.KnnModule;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.bootstrap.cli.DemoCommand;
import dev.lethe.bootstrap.cli.GenerateCommand;
import dev.lethe.bootstrap.cli.ImportCommand;
import dev.lethe.bootstrap.cli.LetheCommand;
import dev.lethe.bootstrap.cli.ServeCommand;
import dev.lethe.bootstrap.cli.TrainCommand;
import dev.lethe.bootstrap.cli.TuneCommand;
import dev.lethe.bootstrap.config.LetheConfig;
import dev.lethe.bootstrap.evaluation.EvaluateCommand;
import dev.lethe.application.service.evaluation.ModelCatalog;
import java.util.function.Function;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point of {@code lethe.jar}: builds the command line and runs the chosen subcommand. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC()).execute(args));
    }

    /** The full command tree, for the jar and for tests. */
    public static CommandLine commandLine(Clock clock) {
        CommandLine cli = new CommandLine(new LetheCommand());
        Function<LetheConfig, Module> engines = config -> EngineModule.named(config.mlEngine(), false);
        // Serving processes answer requests concurrently: MXNet must run its NaiveEngine for that (EngineModule).
        Function<LetheConfig, Module> servingEngines = config -> EngineModule.named(config.mlEngine(), true);
        cli.addSubcommand(new ServeCommand(clock, servingEngines));
        cli.addSubcommand(new DemoCommand(clock, servingEngines));
        cli.addSubcommand(new TrainCommand(clock, engines));
        cli.addSubcommand(new TuneCommand(clock, engines));
        cli.addSubcommand(new GenerateCommand(clock));
        cli.addSubcommand(new ImportCommand(clock));
        // The evaluator names every engine's families (lstm… on the configured DJL backend, seq-knn); no engine loads anything until a family is trained.
        String djl = LetheConfig.load(java.util.Optional.empty(), System.getenv()).djlEngine();
        ModelCatalog catalog = ModelCatalog.baselines()
                .withEngine(Guice.createInjector(new EngineModule(djl)).getInstance(ModelEnginePort.class))
                .withEngine(Guice.createInjector(new KnnModule()).getInstance(ModelEnginePort.class));
        cli.addSubcommand(new EvaluateCommand(catalog, clock, System.out));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        });
        return cli;
    }
}
