package dev.lethe.bootstrap.cli;

import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.training.Activation;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code train} and {@code tune} share: the database, the tenant and what happens to the new version. */
public final class TrainingJobOptions {
    @Mixin
    ServerOptions server;

    @Option(names = "--tenant", required = true, description = "the tenant id")
    String tenant;

    @Option(names = "--activation", defaultValue = "if-better", description = "if-better, always or never (default: ${DEFAULT-VALUE})")
    String activation;

    /** The tenant named by {@code --tenant}; throws {@link IllegalArgumentException} when it is not a valid id. */
    TenantId tenantId() {
        return new TenantId(tenant);
    }

    /** {@code --activation} (if-better, always, never) as a policy; throws {@link IllegalArgumentException} for anything else. */
    Activation activationPolicy() {
        return Activation.valueOf(activation.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
