package dev.lethe.application.service.serving;

import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recommenders that answer each tenant's requests: the tenant's active registered model version
 * when there is one (file-backed families loaded through the {@link ModelEnginePort}, Java families
 * refitted on the log) and decayed popularity otherwise and for cold-start users. Built on first use
 * and rebuilt after new behaviours arrive; loaded file-backed models are kept per version, so new
 * events do not reload them. Safe for concurrent use.
 */
public final class ServingModels implements CheckServingUseCase {
    /** The scope under which a tenant-wide fitted curve is stored. */
    public static final String TENANT_SCOPE = "tenant";
    /** The family of the popularity fallback; also a trainable Java family. */
    public static final String POPULARITY = "decayed-pop";

    private static final System.Logger LOG = System.getLogger(ServingModels.class.getName());

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final TenantRepository tenants;
    private final ForgettingCurveRepository curves;
    private final Optional<ModelRegistry> registry;
    private final Optional<ModelEnginePort> engine;
    private final Clock clock;
    private final Duration refreshInterval;
    private final ConcurrentHashMap<TenantId, Built> served = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<VersionKey, Recommender> loaded = new ConcurrentHashMap<>();

    /** Serves decayed popularity only (no registry). */
    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves) {
        this(behaviors, items, tenants, curves, Optional.empty(), Optional.empty(), Clock.systemUTC(), Duration.ZERO);
    }

    /** Serves the active registered version, loading file-backed families with {@code engine} when present. */
    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves,
                         ModelRegistry registry, Optional<ModelEnginePort> engine) {
        this(behaviors, items, tenants, curves, Optional.of(registry), engine, Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * As above, rebuilding after new events at most once per {@code refreshInterval} (see {@link #eventsArrived}):
     * under continuous ingestion a tenant's models are rebuilt from its log once per interval, not once per batch.
     */
    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves,
                         ModelRegistry registry, Optional<ModelEnginePort> engine, Clock clock, Duration refreshInterval) {
        this(behaviors, items, tenants, curves, Optional.of(registry), engine, clock, refreshInterval);
    }

    private ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves,
                          Optional<ModelRegistry> registry, Optional<ModelEnginePort> engine, Clock clock, Duration refreshInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refreshInterval must not be negative, got: " + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
        this.behaviors = behaviors;
        this.items = items;
        this.tenants = tenants;
        this.curves = curves;
        this.registry = registry;
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * What answers a tenant's requests now.
     *
     * @param model the personal model (the active version's, or popularity)
     * @param popularity the decayed-popularity fallback for users without history
     * @param version the registered version behind {@code model}; empty when popularity stands in
     */
    public record Served(Recommender model, Recommender popularity, Optional<ModelVersion> version) {
        public Served {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(popularity, "popularity");
            Objects.requireNonNull(version, "version");
        }

        /** Served by an unregistered model. */
        public Served(Recommender model, Recommender popularity) {
            this(model, popularity, Optional.empty());
        }
    }

    /** A curve and where it came from: {@code user:<id>}, {@code tenant} (fitted) or {@code default}. */
    public record CurveInForce(ForgettingCurve curve, String scope) {
        public CurveInForce {
            Objects.requireNonNull(curve, "curve");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /** The tenant's models, building them when missing, and rebuilding them when stale and the refresh interval has passed. */
    public Served forTenant(TenantId tenantId) {
        Built current = served.get(tenantId);
        if (current != null && (!current.stale || clock.millis() - current.builtAtMillis < refreshInterval.toMillis())) {
            return current.served;
        }
        // One rebuild: requests that raced here find the fresh entry once it is in.
        return served.compute(tenantId, (id, now) -> now != null && now != current ? now : new Built(build(id), clock.millis(), false)).served;
    }

    /**
     * Drops the tenant's models now; the next request rebuilds them (loaded artifacts stay cached). For
     * changes that must show at once: erasure, activation, catalogue changes.
     */
    public void invalidate(TenantId tenantId) {
        served.remove(tenantId);
    }

    /**
     * New behaviours were stored: the models are rebuilt by the first request after the refresh interval
     * since the last build; until then the previous models answer (users' own histories are always read fresh).
     */
    public void eventsArrived(TenantId tenantId) {
        served.computeIfPresent(tenantId, (id, built) -> built.stale ? built : new Built(built.served, built.builtAtMillis, true));
    }

    private record Built(Served served, long builtAtMillis, boolean stale) {}

    /** The curve in force for the tenant: the fitted one when present, else the tenant kind's default. */
    public ForgettingCurve curveFor(TenantId tenantId) {
        return tenantCurve(tenantId).curve();
    }

    /** The curve in force for the tenant, with its scope. */
    public CurveInForce tenantCurve(TenantId tenantId) {
        return curves.find(tenantId, TENANT_SCOPE)
                .map(c -> new CurveInForce(c.curve(), TENANT_SCOPE))
                .orElseGet(() -> new CurveInForce(ExponentialCurve.ofDays(tenants.find(tenantId).map(Tenant::kind)
                        .map(kind -> kind.defaultHalfLifeDays()).orElse(30.0)), "default"));
    }

    /** The curve in force for one user: a curve fitted on the user, else the tenant's. */
    public CurveInForce curveFor(TenantId tenantId, UserId userId) {
        String scope = "user:" + userId.value();
        return curves.find(tenantId, scope)
                .map(c -> new CurveInForce(c.curve(), scope))
                .orElseGet(() -> tenantCurve(tenantId));
    }

    /** How much each behaviour adds to an interest: the tenant kind's defaults. */
    public BehaviorWeights weightsFor(TenantId tenantId) {
        return BehaviorWeights.defaults(tenants.find(tenantId).map(Tenant::kind).orElse(TenantKind.ECOMMERCE));
    }

    /** The families whose artifacts are files loaded by the engine. */
    public Set<String> fileBackedFamilies() {
        return engine.map(ModelEnginePort::families).orElse(Set.of());
    }

    @Override
    public List<String> unservable() {
        if (registry.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Tenant tenant : tenants.list()) {
            Optional<ModelVersion> active = registry.get().active(tenant.id());
            if (active.isPresent() && fileBackedFamilies().contains(active.get().family())) {
                try {
                    loadFileBacked(active.get());
                } catch (RuntimeException e) {
                    problems.add(tenant.id().value() + ": version " + active.get().version() + " cannot be loaded: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    private Served build(TenantId tenantId) {
        TenantLog tenantLog = TenantLog.read(behaviors, items, tenantId);
        List<Behavior> log = tenantLog.events();
        Catalogue catalogue = tenantLog.catalogue();
        CurveInForce curve = tenantCurve(tenantId);
        Recommender popularity = DecayedPopularity.fit(POPULARITY, catalogue, Optional.of(curve.curve()), log);
        Optional<ModelVersion> active = registry.flatMap(r -> r.active(tenantId));
        if (active.isEmpty()) {
            return new Served(popularity, popularity);
        }
        ModelVersion version = active.get();
        if (fileBackedFamilies().contains(version.family())) {
            try {
                return new Served(loadFileBacked(version), popularity, active);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "tenant " + tenantId + ": cannot load model version " + version.version()
                        + " (" + version.family() + "); serving decayed popularity", e);
                return new Served(popularity, popularity);
            }
        }
        JavaFamilies.Inputs inputs = new JavaFamilies.Inputs(curve, tenantLog::categoriesOf, weightsFor(tenantId));
        return JavaFamilies.refit(version.family(), catalogue, log, inputs)
                .map(model -> new Served(model, popularity, active))
                .orElseGet(() -> {
                    LOG.log(System.Logger.Level.WARNING, "tenant " + tenantId + ": active version " + version.version()
                            + " has family " + version.family() + " which no engine serves; serving decayed popularity");
                    return new Served(popularity, popularity);
                });
    }

    private Recommender loadFileBacked(ModelVersion version) {
        ModelEnginePort port = engine.orElseThrow();
        return loaded.computeIfAbsent(new VersionKey(version.tenantId(), version.version(), version.artifactLocation()),
                key -> port.load(version.family(), Path.of(version.artifactLocation())));
    }

    private record VersionKey(TenantId tenantId, int version, String location) {}
}
