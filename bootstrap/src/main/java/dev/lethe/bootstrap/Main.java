package dev.lethe.bootstrap;

import dev.lethe.bootstrap.cli.GenerateCommand;
import dev.lethe.bootstrap.cli.LetheCommand;
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
        cli.addSubcommand(new GenerateCommand(clock));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        });
        return cli;
    }
}
