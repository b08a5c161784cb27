package dev.lethe.bootstrap.cli;

import com.google.inject.Module;
import dev.lethe.bootstrap.LetheRuntime;
import dev.lethe.bootstrap.config.LetheConfig;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lethe serve}: runs the HTTP API until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Lethe HTTP API until stopped (SIGTERM or Ctrl-C).")
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ServerOptions options;

    private final Clock clock;
    private final Function<LetheConfig, Module> engines;

    public ServeCommand(Clock clock, Function<LetheConfig, Module> engines) {
        this.clock = clock;
        this.engines = engines;
    }

    @Override
    public Integer call() throws InterruptedException {
        LetheConfig config = withAdminKey(options.resolve(System.getenv()));
        LetheRuntime runtime = LetheRuntime.prepare(config, clock, engines.apply(config));
        runtime.closeOnShutdown();
        runtime.listen();
        new CountDownLatch(1).await();
        return 0;
    }

    /** The configured admin key, or a random one for this run, logged once so the operator can create tenants. */
    static LetheConfig withAdminKey(LetheConfig config) {
        if (!config.adminKey().isBlank()) {
            return config;
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LOG.warn("lethe.admin.key is not configured; this run's admin key is {} (set LETHE_ADMIN_KEY to choose one)", key);
        return config.withAdminKey(key);
    }
}
