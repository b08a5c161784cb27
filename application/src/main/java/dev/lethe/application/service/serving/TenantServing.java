package dev.lethe.application.service.serving;

import dev.lethe.application.port.out.BehaviorRepository.Stored;
import dev.lethe.application.service.serving.ServingModels.Served;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.content.ContentAffinity;
import dev.lethe.domain.content.ContentIndex;
import dev.lethe.domain.content.ContentNeighbours;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.OnlinePopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.registry.ModelVersion;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tenant's serving state, updated behaviour by behaviour by the serving feed (one writer, under
 * {@link ServingModels}' lock) and read by requests through the last published {@link Served}: the
 * catalogue (the active version's, then items in the order they first appeared), the decayed
 * popularity of every curve in use, each item's categories, and the active version's model. Nothing
 * here ever holds or re-reads the tenant's log.
 */
final class TenantServing {
    private final TenantId tenantId;
    private final Optional<ModelVersion> version;
    private final Optional<ForgettingCurve> fallbackCurve;
    private final Map<Optional<ForgettingCurve>, OnlinePopularity> popularity;
    private final Optional<ServingArtifact> artifact;
    private final Optional<Recommender> fileBacked;
    private final Map<ItemId, Set<String>> categories = new ConcurrentHashMap<>();
    /** When each item entered the catalogue, for the items whose creation time is known. */
    private final Map<ItemId, Instant> created = new ConcurrentHashMap<>();
    private final Map<ItemId, Integer> joined = new HashMap<>();
    private final List<ItemId> joinedOrder = new ArrayList<>();
    /** Items of a content version whose text arrived since the last publish: their index and the item. */
    private final Map<Integer, Item> pendingText = new HashMap<>();
    private Optional<ContentNeighbours> contentRows = Optional.empty();
    private ContentIndex.Postings postings;
    private Catalogue catalogue;
    /** Rows up to this sequence number are in the artifact, except those numbered in {@link #unseen}. */
    private final long watermark;
    /** Sequence numbers up to the watermark that the training read did not see and that were not applied yet. */
    private final Set<Long> unseen;
    private long applied;
    private boolean dirty = true;
    private volatile Served served;

    /**
     * @param version the version served; with {@code fileBacked} empty, a Java family served from {@code artifact}
     * @param popularity the popularity states as of the artifact (indexed like {@code catalogue}); missing ones start empty
     */
    TenantServing(TenantId tenantId, Optional<ModelVersion> version, Catalogue catalogue, Optional<ForgettingCurve> fallbackCurve,
                  Map<Optional<ForgettingCurve>, OnlinePopularity> popularity, Optional<ServingArtifact> artifact,
                  Optional<Recommender> fileBacked) {
        this.tenantId = tenantId;
        this.version = version;
        this.catalogue = catalogue;
        this.fallbackCurve = fallbackCurve;
        this.popularity = new HashMap<>(popularity);
        this.popularity.computeIfAbsent(fallbackCurve, c -> new OnlinePopularity(c, catalogue.size()));
        this.artifact = artifact;
        this.fileBacked = fileBacked;
        this.contentRows = artifact.flatMap(ServingArtifact::content).map(ServingArtifact.Content::neighbours);
        this.watermark = artifact.map(ServingArtifact::watermark).orElse(0L);
        this.unseen = new java.util.HashSet<>(artifact.map(ServingArtifact::unseen).orElse(java.util.Collections.emptySortedSet()));
    }

    TenantId tenantId() {
        return tenantId;
    }

    /** The version this state serves; empty for popularity only. */
    Optional<ModelVersion> version() {
        return version;
    }

    Optional<ServingArtifact> artifact() {
        return artifact;
    }

    /** The numbers up to the artifact's watermark whose rows the artifact lacks and that were not applied yet. */
    Set<Long> unseen() {
        return Set.copyOf(unseen);
    }

    /** How many behaviours the feed applied since the state was built. */
    long applied() {
        return applied;
    }

    /** The decayed popularity of {@code curve} as a recommender over {@code over}. */
    Recommender popularity(String name, Optional<ForgettingCurve> curve, Catalogue over) {
        OnlinePopularity state = popularity.get(curve);
        if (state == null) {
            throw new IllegalStateException("no popularity state of curve " + curve + " for tenant " + tenantId);
        }
        return state.over(name, over);
    }

    /** The categories of {@code item} as the feed last saw them. */
    Set<String> categoriesOf(ItemId item) {
        return categories.getOrDefault(item, Set.of());
    }

    /**
     * Records one stored behaviour of this tenant, once: a row the artifact already counts (numbered up
     * to its watermark and not among the numbers its read did not see) is ignored, as is a second
     * delivery of one of those numbers.
     */
    void apply(Stored stored, long nowMillis) {
        if (stored.sequence() <= watermark && !unseen.remove(stored.sequence())) {
            return;
        }
        int index = indexOf(stored.itemId());
        long at = stored.occurredAt().toEpochMilli();
        for (OnlinePopularity state : popularity.values()) {
            state.record(index, at, nowMillis);
        }
        applied++;
    }

    /** The item was stored (its categories or text may have changed), or an item joined the catalogue. */
    void itemChanged(Item stored) {
        ItemId item = stored.id();
        if (stored.createdAt().isPresent() && !stored.createdAt().get().equals(created.put(item, stored.createdAt().get()))) {
            dirty = true;
        }
        Set<String> itemCategories = stored.categories();
        Set<String> before = categories.get(item);
        if (itemCategories.isEmpty()) {
            if (before != null) {
                categories.remove(item);
                dirty = true;
            }
        } else if (!itemCategories.equals(before)) {
            categories.put(item, Set.copyOf(itemCategories));
            dirty = true;
        }
        int index = indexOf(item);
        // Items trained on keep the content rows of training until the next one; items that joined since get theirs now.
        if (contentRows.isPresent() && index >= artifactCatalogueSize()) {
            pendingText.put(index, stored);
            dirty = true;
        }
    }

    private int artifactCatalogueSize() {
        return artifact.map(a -> a.catalogue().size()).orElse(0);
    }

    /**
     * Gives each item whose text arrived its content neighbours among the trained items (vectorised with
     * the vocabulary and idf fitted at training) and offers it to theirs, so the user interests those
     * items stand for reach it: a new item is recommendable from its first publish.
     */
    private void applyPendingText() {
        if (pendingText.isEmpty() || contentRows.isEmpty()) {
            pendingText.clear();
            return;
        }
        ContentIndex index = artifact.orElseThrow().content().orElseThrow().index();
        if (postings == null) {
            postings = index.postings();
        }
        ContentNeighbours rows = contentRows.get();
        Map<Integer, ContentNeighbours.Row> changed = new HashMap<>();
        for (Map.Entry<Integer, Item> e : pendingText.entrySet()) {
            int x = e.getKey();
            ContentNeighbours.Row own = index.nearest(index.vector(e.getValue()), x, ContentAffinity.NEIGHBOURS, postings);
            changed.put(x, own);
            for (int a = 0; a < own.items().length; a++) {
                int k = own.items()[a];
                ContentNeighbours.Row current = changed.getOrDefault(k, rows.row(k));
                changed.put(k, current.offer(x, own.similarities()[a], ContentAffinity.NEIGHBOURS));
            }
        }
        pendingText.clear();
        contentRows = Optional.of(rows.with(changed, catalogue.size()));
    }

    private int indexOf(ItemId item) {
        OptionalInt known = catalogue.indexOf(item);
        if (known.isPresent()) {
            return known.getAsInt();
        }
        Integer index = joined.get(item);
        if (index == null) {
            index = catalogue.size() + joinedOrder.size();
            joined.put(item, index);
            joinedOrder.add(item);
            for (OnlinePopularity state : popularity.values()) {
                state.grow(index + 1);
            }
            dirty = true;
        }
        return index;
    }

    /** Publishes what requests see when items joined or categories changed since the last time. */
    void publish() {
        if (!dirty && served != null) {
            return;
        }
        if (!joinedOrder.isEmpty()) {
            catalogue = catalogue.extendedBy(joinedOrder);
            joinedOrder.clear();
            joined.clear();
        }
        applyPendingText();
        Recommender fallback = popularity(ServingModels.POPULARITY, fallbackCurve, catalogue);
        Optional<Recommender> model = fileBacked.isPresent() ? fileBacked : javaModel(catalogue);
        served = model.map(m -> new Served(m, fallback, version)).orElseGet(() -> new Served(fallback, fallback));
        dirty = false;
    }

    /** What answers requests now. */
    Served served() {
        return served;
    }

    /** Catalogue-bounded heap held, roughly: the memory model of docs/scaling.md. */
    long heapBytes() {
        long bytes = catalogue.size() * 160L + categories.size() * 120L + created.size() * 80L;
        for (OnlinePopularity state : popularity.values()) {
            bytes += state.heapBytes();
        }
        return bytes + artifact.flatMap(ServingArtifact::neighbours).map(n -> n.heapBytes()).orElse(0L)
                + artifact.flatMap(ServingArtifact::content).map(c -> c.index().heapBytes() * (postings == null ? 1 : 2)).orElse(0L)
                + contentRows.map(ContentNeighbours::heapBytes).orElse(0L);
    }

    /** The active Java family's model over {@code over}, from its serving artifact; empty without one. */
    private Optional<Recommender> javaModel(Catalogue over) {
        if (version.isEmpty() || artifact.isEmpty()) {
            return Optional.empty();
        }
        return switch (version.get().family()) {
            case JavaFamilies.PROFILE -> Optional.of(profile(artifact.get(), over));
            case JavaFamilies.PROFILE_CONTENT -> Optional.of(withContent(artifact.get(), over));
            case ServingModels.POPULARITY -> Optional.of(popularity(ServingModels.POPULARITY, fallbackCurve, over));
            case JavaFamilies.POP -> Optional.of(popularity(JavaFamilies.POP, Optional.empty(), over));
            default -> Optional.empty();
        };
    }

    /** The {@code profile-content} model of an artifact with a content part over {@code over}. */
    private Recommender withContent(ServingArtifact served, Catalogue over) {
        ServingArtifact.Content content = served.content().orElseThrow();
        return new ContentAffinity(JavaFamilies.PROFILE_CONTENT, profile(served, over), contentRows.orElseThrow(),
                popularity("pop", Optional.empty(), over), content.weight(), content.newItemWeight(),
                item -> Optional.ofNullable(created.get(item)), content.newItemDays());
    }

    /** The profile recommender of a {@code profile} artifact over {@code over}. */
    private ProfileRecommender profile(ServingArtifact served, Catalogue over) {
        ProfileRecommender.Settings settings = served.profileSettings().orElseThrow();
        return ProfileRecommender.serving(JavaFamilies.PROFILE, over, settings, served.neighbours().orElseThrow(),
                popularity("profile-popularity", Optional.of(settings.popularityCurve()), over),
                ProfileRecommender.CategoryIndex.of(over, this::categoriesOf));
    }
}
