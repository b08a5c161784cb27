package dev.lethe.application.service.serving;

import dev.lethe.application.port.in.CheckServingUseCase;
import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.application.port.out.ModelRegistry;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.application.port.out.BehaviorRepository.Stored;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.OnlinePopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recommenders that answer each tenant's requests, kept up to date instead of rebuilt: per tenant a
 * {@link TenantServing} state, built once from the active version's {@link ServingArtifact} (size
 * bounded by the catalogue) plus the behaviours stored after the artifact's watermark, then advanced
 * by the serving feed ({@link #catchUp}): it tails the store by sequence number (every tenant's
 * behaviours, also those other servers accepted), follows item changes and notices versions activated
 * anywhere. No request and no ingested batch reads a tenant's whole log; a tenant that never trained
 * reads its newest {@value #UNTRAINED_BEHAVIOURS} behaviours once, when its state is first built.
 * File-backed families are loaded through the
 * {@link ModelEnginePort} and kept per version. Requests read published state without locking; the
 * feed and state builds are serialised on this object. Safe for concurrent use.
 */
public final class ServingModels implements CheckServingUseCase {
    /** The scope under which a tenant-wide fitted curve is stored. */
    public static final String TENANT_SCOPE = "tenant";
    /** The family of the popularity fallback; also a trainable Java family. */
    public static final String POPULARITY = "decayed-pop";
    /** A tenant without a serving artifact starts its popularity from at most this many of its newest behaviours. */
    public static final int UNTRAINED_BEHAVIOURS = 100_000;
    /** Rows read from the store per feed query. */
    static final int FEED_BATCH = 10_000;
    /** Sequence numbers skipped by the feed are watched this long for a late commit, then given up. */
    static final long GAP_MILLIS = 10_000;
    /** At most this many skipped sequence numbers are watched (the oldest are given up first). */
    static final int MAX_GAPS = 1_000;
    /** Items are re-read with this margin, for clock skew between the servers that write them. */
    static final long ITEM_MARGIN_MILLIS = 10_000;
    /** How often the feed looks for item changes and version activations. */
    static final long SLOW_POLL_MILLIS = 1_000;

    private static final System.Logger LOG = System.getLogger(ServingModels.class.getName());

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final TenantRepository tenants;
    private final ForgettingCurveRepository curves;
    private final Optional<ModelRegistry> registry;
    private final Optional<ModelEnginePort> engine;
    private final Clock clock;
    private final ConcurrentHashMap<TenantId, TenantServing> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<VersionKey, Recommender> loaded = new ConcurrentHashMap<>();
    /** Every behaviour with a sequence number up to this, except the gaps, is applied to the loaded states; -1 before the first poll. */
    private long cursor = -1;
    /** Skipped sequence numbers still watched, with the moment they were first seen skipped. */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long lastSlowPollMillis;
    private Instant itemsSeenUpTo;
    private volatile Runnable wakeFeed;

    /** Serves decayed popularity only (no registry). */
    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves) {
        this(behaviors, items, tenants, curves, Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    /** Serves the active registered version, loading file-backed families with {@code engine} when present. */
    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves,
                         ModelRegistry registry, Optional<ModelEnginePort> engine) {
        this(behaviors, items, tenants, curves, Optional.of(registry), engine, Clock.systemUTC());
    }

    /** As above, with the clock that decides what "now" is for decays and the feed. */
    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves,
                         ModelRegistry registry, Optional<ModelEnginePort> engine, Clock clock) {
        this(behaviors, items, tenants, curves, Optional.of(registry), engine, clock);
    }

    private ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves,
                          Optional<ModelRegistry> registry, Optional<ModelEnginePort> engine, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.behaviors = behaviors;
        this.items = items;
        this.tenants = tenants;
        this.curves = curves;
        this.registry = registry;
        this.engine = Objects.requireNonNull(engine, "engine");
        this.itemsSeenUpTo = clock.instant();
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

    /** The tenant's models; the first call for a tenant builds its state (from the active artifact, then the behaviours after it). */
    public Served forTenant(TenantId tenantId) {
        TenantServing state = states.get(tenantId);
        if (state != null) {
            return state.served();
        }
        synchronized (this) {
            return states.computeIfAbsent(tenantId, this::build).served();
        }
    }

    /**
     * Rebuilds the tenant's state now, when it is loaded: for changes that must show at once on this
     * server (activation, erasure). Other servers notice activations through the feed.
     */
    public synchronized void invalidate(TenantId tenantId) {
        if (states.containsKey(tenantId)) {
            states.put(tenantId, build(tenantId));
        }
    }

    /** The tenant is gone (deleted): its state is dropped, and built again only if it is used again. */
    public synchronized void forget(TenantId tenantId) {
        states.remove(tenantId);
    }

    /**
     * An item was stored here: its categories count at once for a loaded tenant (published by the next
     * feed round, or at once without a feed); other servers see it through the feed.
     */
    public void itemStored(TenantId tenantId, Item item) {
        synchronized (this) {
            TenantServing state = states.get(tenantId);
            if (state == null) {
                return;
            }
            state.itemChanged(item);
            if (wakeFeed == null) {
                state.publish();
                return;
            }
        }
        wakeFeed.run();
    }

    /**
     * New behaviours were stored here: has the feed (see {@link #attachFeed}) apply them before it returns,
     * or, without one, catches up at once; either way this server's next answer counts them.
     */
    public void eventsArrived(TenantId tenantId) {
        Runnable wake = wakeFeed;
        if (wake != null) {
            wake.run();
        } else {
            catchUp();
        }
    }

    /**
     * From now on a background feed calls {@link #catchUp}; {@code wake} has it run a round soon and
     * waits (boundedly) for that round.
     */
    public void attachFeed(Runnable wake) {
        this.wakeFeed = Objects.requireNonNull(wake, "wake");
    }

    /**
     * One round of the serving feed: applies the behaviours stored since the last round (by any server)
     * to the loaded tenants, and at most once per {@value #SLOW_POLL_MILLIS} ms the item changes and
     * version activations; then publishes what changed. Cost: the new rows, never a tenant's log.
     */
    public synchronized void catchUp() {
        long now = clock.millis();
        if (cursor < 0) {
            cursor = behaviors.latestSequence();
        } else {
            List<Stored> rows;
            do {
                rows = behaviors.storedAfter(cursor, List.copyOf(gaps.keySet()), FEED_BATCH);
                for (Stored row : rows) {
                    if (row.sequence() > cursor) {
                        for (long skipped = Math.max(cursor + 1, row.sequence() - MAX_GAPS); skipped < row.sequence(); skipped++) {
                            gaps.put(skipped, now);
                        }
                        cursor = row.sequence();
                    } else if (gaps.remove(row.sequence()) == null) {
                        continue;
                    }
                    TenantServing state = states.get(row.tenantId());
                    if (state != null) {
                        state.apply(row, now);
                    }
                }
            } while (rows.size() == FEED_BATCH);
            gaps.values().removeIf(firstSeen -> now - firstSeen > GAP_MILLIS);
            while (gaps.size() > MAX_GAPS) {
                gaps.pollFirstEntry();
            }
        }
        if (now - lastSlowPollMillis >= SLOW_POLL_MILLIS) {
            lastSlowPollMillis = now;
            followItems();
            followActivations();
        }
        states.values().forEach(TenantServing::publish);
    }

    private void followItems() {
        Instant since = itemsSeenUpTo.minusMillis(ITEM_MARGIN_MILLIS);
        itemsSeenUpTo = clock.instant();
        if (states.isEmpty()) {
            return;
        }
        items.forEachChangedSince(since, (tenantId, item) -> {
            TenantServing state = states.get(tenantId);
            if (state != null) {
                state.itemChanged(item);
            }
        });
    }

    private void followActivations() {
        if (registry.isEmpty()) {
            return;
        }
        for (TenantServing state : List.copyOf(states.values())) {
            Optional<Integer> now = registry.get().active(state.tenantId()).map(ModelVersion::version);
            if (!now.equals(state.version().map(ModelVersion::version))) {
                LOG.log(System.Logger.Level.INFO, "tenant " + state.tenantId() + ": version " + now.map(String::valueOf).orElse("none")
                        + " is active now (was " + state.version().map(v -> String.valueOf(v.version())).orElse("none") + "); switching");
                states.put(state.tenantId(), build(state.tenantId()));
            }
        }
    }

    /**
     * Where the feed stands: the sequence number every loaded state is caught up to (except gaps), the
     * gaps watched, and per loaded tenant the behaviours applied since its state was built and its heap.
     */
    public synchronized FeedStatus feedStatus() {
        Map<TenantId, Long> applied = new TreeMap<>(java.util.Comparator.comparing(TenantId::value));
        Map<TenantId, Long> heap = new TreeMap<>(java.util.Comparator.comparing(TenantId::value));
        states.forEach((id, state) -> {
            applied.put(id, state.applied());
            heap.put(id, state.heapBytes());
        });
        return new FeedStatus(cursor, gaps.size(), applied, heap);
    }

    /** See {@link #feedStatus}. */
    public record FeedStatus(long cursor, int gaps, Map<TenantId, Long> appliedSinceBuilt, Map<TenantId, Long> heapBytes) {}

    private TenantServing build(TenantId tenantId) {
        if (cursor < 0) {
            cursor = behaviors.latestSequence();
        }
        Optional<ModelVersion> active = registry.flatMap(r -> r.active(tenantId));
        Optional<ServingArtifact> artifact = Optional.empty();
        Optional<Recommender> fileBacked = Optional.empty();
        if (active.isPresent()) {
            ModelVersion version = active.get();
            Path location = Path.of(version.artifactLocation());
            try {
                Optional<String> refusal = whyNotServable(version);
                if (refusal.isPresent()) {
                    throw new IllegalStateException(refusal.get());
                }
                if (ServingArtifact.presentIn(location)) {
                    artifact = Optional.of(ServingArtifact.read(location, weightsFor(tenantId)));
                }
                if (fileBackedFamilies().contains(version.family())) {
                    fileBacked = Optional.of(loadFileBacked(version));
                } else if (artifact.isEmpty() || !JavaFamilies.names().contains(version.family())) {
                    throw new IllegalStateException("no serving artifact in " + location + " (trained before serving artifacts existed? train again)");
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "tenant " + tenantId + ": cannot serve model version " + version.version()
                        + " (" + version.family() + "); serving decayed popularity", e);
                active = Optional.empty();
                fileBacked = Optional.empty();
            }
        }
        Catalogue catalogue = artifact.map(ServingArtifact::catalogue).orElseGet(() -> Catalogue.of(List.of()));
        Optional<ForgettingCurve> fallbackCurve = artifact.map(ServingArtifact::fallbackCurve).orElseGet(() -> Optional.of(curveFor(tenantId)));
        Map<Optional<ForgettingCurve>, OnlinePopularity> popularity = artifact.map(ServingArtifact::popularity).orElse(Map.of());
        TenantServing state = new TenantServing(tenantId, active, catalogue, fallbackCurve, popularity, artifact, fileBacked);
        items.forEach(tenantId, item -> state.itemChanged(item));
        // Without an artifact (never trained) the popularity counts the newest behaviours only: older ones
        // have decayed to little, and a request or a start must not wait for a read of millions of rows.
        long from = artifact.isPresent() ? artifact.get().watermark() : behaviors.sequenceBelowNewest(tenantId, UNTRAINED_BEHAVIOURS);
        long now = clock.millis();
        behaviors.forEachStored(tenantId, from, cursor, row -> {
            gaps.remove(row.sequence());
            state.apply(row, now);
        });
        // Rows numbered below the watermark that committed after the training read them (or not yet).
        List<Long> unseen = state.unseen().stream().filter(seq -> seq <= cursor).sorted().toList();
        if (!unseen.isEmpty()) {
            for (Stored row : behaviors.storedAmong(tenantId, unseen)) {
                gaps.remove(row.sequence());
                state.apply(row, now);
            }
            // Still without a row: watched like the feed's own gaps, in case a transaction commits late.
            state.unseen().stream().filter(seq -> seq <= cursor).forEach(seq -> gaps.putIfAbsent(seq, now));
        }
        state.publish();
        LOG.log(System.Logger.Level.INFO, "tenant " + tenantId + ": serving " + active.map(v -> "version " + v.version() + " (" + v.family() + ")")
                .orElse("decayed popularity") + ", " + state.applied() + " behaviours after " + (artifact.isPresent() ? "the artifact's watermark " + from : "none"));
        return state;
    }

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

    /**
     * Why this process cannot serve {@code version}, or empty when it can: a file-backed version loads
     * only with the model engine that trained it (LSTM weights and kNN neighbour tables are not
     * portable), so a version whose engine or family this process's engine lacks is refused by name.
     * Java families are served from their serving artifact by any process.
     */
    public Optional<String> whyNotServable(ModelVersion version) {
        if (JavaFamilies.names().contains(version.family())) {
            return Optional.empty();
        }
        String trained = "version " + version.version() + " (family " + version.family() + ") was trained by the " + version.engine() + " engine";
        if (engine.isEmpty()) {
            return Optional.of(trained + ", and this process runs no model engine");
        }
        ModelEnginePort port = engine.get();
        if (!port.engine().equals(version.engine()) || !port.families().contains(version.family())) {
            return Optional.of(trained + "; this server's model engine is " + port.engine() + " (families " + new java.util.TreeSet<>(port.families())
                    + "), which cannot load it: serve it where lethe.ml.engine is " + version.engine()
                    + ", or train " + version.family() + " again with this engine if it has that family");
        }
        return Optional.empty();
    }

    @Override
    public List<String> unservable() {
        if (registry.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Tenant tenant : tenants.list()) {
            Optional<ModelVersion> active = registry.get().active(tenant.id());
            Optional<String> refusal = active.flatMap(this::whyNotServable);
            if (refusal.isPresent()) {
                problems.add(tenant.id().value() + ": " + refusal.get());
            } else if (active.isPresent() && fileBackedFamilies().contains(active.get().family())) {
                try {
                    loadFileBacked(active.get());
                } catch (RuntimeException e) {
                    problems.add(tenant.id().value() + ": version " + active.get().version() + " cannot be loaded: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    private Recommender loadFileBacked(ModelVersion version) {
        ModelEnginePort port = engine.orElseThrow();
        return loaded.computeIfAbsent(new VersionKey(version.tenantId(), version.version(), version.artifactLocation()),
                key -> port.load(version.family(), Path.of(version.artifactLocation())));
    }

    private record VersionKey(TenantId tenantId, int version, String location) {}
}
