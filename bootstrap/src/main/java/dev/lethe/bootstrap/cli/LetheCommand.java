package dev.lethe.bootstrap.cli;

import picocli.CommandLine.Command;

/** The top-level {@code lethe} command; its subcommands do the work. */
@Command(name = "lethe", mixinStandardHelpOptions = true, version = "Lethe 0.1.0",
        description = "Lethe: a recommender platform that models how users forget their interests.",
        subcommandsRepeatable = false)
public final class LetheCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
