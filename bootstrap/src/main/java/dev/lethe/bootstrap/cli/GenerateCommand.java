package dev.lethe.bootstrap.cli;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.synthetic.GroundTruth;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lethe generate}: writes a synthetic tenant (events, items, ground truth) to a directory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a synthetic tenant whose interests drift and fade with a known half-life.%n"
                + "Writes events.csv (user,item,timestamp,type,value — the evaluator's csv format), items.csv and ground-truth.json.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, description = "ecommerce, video or finance")
    String kind;

    @Option(names = "--users", defaultValue = "500", description = "number of users (default: ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--days", defaultValue = "180", description = "length of the history in days, ending now (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--out", required = true, description = "output directory (created if missing)")
    Path out;

    private final Clock clock;

    public GenerateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        TenantKind tenantKind;
        try {
            tenantKind = TenantKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--kind: " + e.getMessage());
        }
        if (days < 1 || days > 3650) {
            throw new ParameterException(spec.commandLine(), "--days must be between 1 and 3650, got: " + days);
        }
        SyntheticTenant tenant;
        try {
            tenant = new SyntheticGenerator(tenantKind, users, seed, clock.instant(), Duration.ofDays(days)).generate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        write(tenant, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d events, %d items (true half-life %.1f days) to %s%n",
                tenant.behaviors().size(), tenant.items().size(), tenant.truth().halfLifeDays(), out.toAbsolutePath());
        return 0;
    }

    /** Writes the tenant's three files into {@code dir}. */
    public static void write(SyntheticTenant tenant, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("events.csv"))) {
            w.write("user,item,timestamp,type,value\n");
            for (Behavior b : tenant.behaviors()) {
                w.write(b.userId().value() + ',' + b.itemId().value() + ',' + b.occurredAt().getEpochSecond() + ','
                        + b.type().wireName() + ',' + (b.value().isPresent() ? Double.toString(b.value().getAsDouble()) : "") + '\n');
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("items.csv"))) {
            w.write("item,categories\n");
            for (Item item : tenant.items()) {
                w.write(item.id().value() + ',' + String.join("|", item.categories()) + '\n');
            }
        }
        GroundTruth t = tenant.truth();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("ground-truth.json")))) {
            w.printf(Locale.ROOT, """
                    {
                      "kind": "%s",
                      "seed": %d,
                      "users": %d,
                      "items": %d,
                      "categories": %d,
                      "events": %d,
                      "forgettingCurve": {"family": "exponential", "halfLifeDays": %s, "estimator": "excitation", "userSpreadLogHalfLife": %s},
                      "branchingRatio": %s,
                      "baseRatePerDay": %s,
                      "driftPerDay": %s,
                      "sequentialShare": %s,
                      "start": "%s",
                      "end": "%s",
                      "userHalfLifeDays": {%s}
                    }
                    """, t.kind().wireName(), t.seed(), t.users(), t.items(), t.categories(), t.events(), t.halfLifeDays(), t.halfLifeSpread(),
                    t.branchingRatio(), t.baseRatePerDay(), t.driftPerDay(), t.sequentialShare(), t.start(), t.end(),
                    t.userHalfLifeDays().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "\"%s\": %.4f", e.getKey().value(), e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
    }
}
