package dev.lethe.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Module;
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
        Function<LetheConfig, Module> engines = config -> new EngineModule(config.mlEngine());
        // Serving processes answer requests concurrently: MXNet must run its NaiveEngine for that (EngineModule).
        Function<LetheConfig, Module> servingEngines = config -> new EngineModule(config.mlEngine(), true);
        cli.addSubcommand(new ServeCommand(clock, servingEngines));
        cli.addSubcommand(new DemoCommand(clock, servingEngines));
        cli.addSubcommand(new TrainCommand(clock, engines));
        cli.addSubcommand(new TuneCommand(clock, engines));
        cli.addSubcommand(new GenerateCommand(clock));
        cli.addSubcommand(new ImportCommand(clock));
        // The evaluator names the engine's families too; the engine loads nothing until a family is trained.
        String engine = LetheConfig.load(java.util.Optional.empty(), System.getenv()).mlEngine();
        ModelCatalog catalog = ModelCatalog.baselines().withEngine(Guice.createInjector(new EngineModule(engine)).getInstance(ModelEnginePort.class));
        cli.addSubcommand(new EvaluateCommand(catalog, clock, System.out));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        });
        return cli;
    }
}
