package dev.lethe.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.lethe.adapter.http.HttpModule;
import dev.lethe.adapter.http.HttpServerConfig;
import dev.lethe.adapter.http.LetheHttpServer;
import dev.lethe.adapter.http.ReadinessCheck;
import dev.lethe.adapter.persistence.Database;
import dev.lethe.adapter.persistence.DatabaseConfig;
import dev.lethe.adapter.persistence.PersistenceModule;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.tenant.ApiKeys;
import dev.lethe.application.service.training.TrainingWorker;
import dev.lethe.bootstrap.config.LetheConfig;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where Lethe's lifecycle lives: build the object graph, migrate the database, listen,
 * and shut down in reverse order (also on SIGTERM through a shutdown hook).
 */
public final class LetheRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LetheRuntime.class);

    private final Injector injector;
    private final Database database;
    private final TrainingWorker training;
    private LetheHttpServer server;
    private int port = -1;
    private boolean closed;
    private ServingFeed feed;

    private LetheRuntime(Injector injector) {
        this.injector = injector;
        this.database = injector.getInstance(Database.class);
        this.training = injector.getInstance(TrainingWorker.class);
    }

    /** The modules for {@code config}: the engine module is chosen by the caller. */
    static List<Module> modules(LetheConfig config, Clock clock, Module engineModule) {
        DatabaseConfig database = config.jdbcUrl()
                .map(url -> new DatabaseConfig(url, config.dbUser(), config.dbPassword(), config.dbPoolSize(), config.dbTimeouts()))
                .orElseGet(() -> DatabaseConfig.embedded(config.dataDir()).withTimeouts(config.dbTimeouts()));
        return List.of(
                new ApplicationModule(config, clock),
                new PersistenceModule(database),
                engineModule,
                new HttpModule(),
                new AbstractModule() {
                    @Provides
                    @Singleton
                    HttpServerConfig httpConfig() {
                        return new HttpServerConfig(config.httpHost(), config.httpPort(), config.adminKey(),
                                HttpServerConfig.DEFAULT_BODY_LIMIT, config.workerPoolSize(), config.artifactDir());
                    }

                    @Provides
                    @Singleton
                    ReadinessCheck readiness(Database db) {
                        return db::isReachable;
                    }
                });
    }

    /**
     * Builds the graph, migrates the database and starts this process's training worker (queued jobs,
     * also those left by stopped processes, start running); does not listen yet.
     */
    public static LetheRuntime prepare(LetheConfig config, Clock clock, Module engineModule) {
        LetheRuntime runtime = new LetheRuntime(Guice.createInjector(modules(config, clock, engineModule)));
        try {
            runtime.database.migrate();
            refuseAdminKeyOfATenant(runtime.injector, config.adminKey());
            runtime.training.start();
            LOG.info("training worker {} claims jobs (lease {}, poll {})", runtime.training.owner(),
                    config.trainingJobs().lease(), config.trainingJobs().poll());
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /**
     * An admin key that is also some tenant's API key (the demo keys are public) would let that tenant act as
     * the operator and the operator as that tenant: refuse to start.
     */
    private static void refuseAdminKeyOfATenant(Injector injector, String adminKey) {
        if (!adminKey.isBlank() && injector.getInstance(TenantRepository.class).apiKeyHashTaken(ApiKeys.hash(adminKey))) {
            throw new IllegalStateException("lethe.admin.key is (or was) a tenant's API key; choose another admin key");
        }
    }

    /** Starts the HTTP server; returns the bound port. */
    public synchronized int listen() {
        feed = ServingFeed.start(injector.getInstance(ServingModels.class), injector.getInstance(TenantRepository.class));
        server = injector.getInstance(LetheHttpServer.class);
        try {
            port = server.start();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; choose another port with --port (or lethe.http.port / LETHE_HTTP_PORT)", e);
        }
        LOG.info("Lethe listening on port {}", port);
        return port;
    }

    /** Closes everything when the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public void closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "lethe-shutdown"));
    }

    /** An application service or port, for commands that drive use cases directly. */
    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    /** The bound port, or -1 before {@link #listen()}. */
    public synchronized int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        training.stopClaiming(); // first: no job may start once shutdown is announced
        LOG.info("Lethe shutting down");
        if (server != null) {
            server.close();
        }
        if (feed != null) {
            feed.close();
        }
        training.close(); // lets the running job finish within the grace period, else puts it back in the queue
        database.close();
    }
}
