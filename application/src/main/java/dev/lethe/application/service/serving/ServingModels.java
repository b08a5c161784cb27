package dev.lethe.application.service.serving;

import dev.lethe.application.port.out.BehaviorRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ItemRepository;
import dev.lethe.application.port.out.TenantRepository;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.tenant.Tenant;
import dev.lethe.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recommenders that answer each tenant's requests, built from the event log on first use and
 * rebuilt after new behaviours arrive. Safe for concurrent use.
 */
public final class ServingModels {
    /** The scope under which a tenant-wide fitted curve is stored. */
    public static final String TENANT_SCOPE = "tenant";

    private final BehaviorRepository behaviors;
    private final ItemRepository items;
    private final TenantRepository tenants;
    private final ForgettingCurveRepository curves;
    private final ConcurrentHashMap<TenantId, Served> served = new ConcurrentHashMap<>();

    public ServingModels(BehaviorRepository behaviors, ItemRepository items, TenantRepository tenants, ForgettingCurveRepository curves) {
        this.behaviors = behaviors;
        this.items = items;
        this.tenants = tenants;
        this.curves = curves;
    }

    /** What answers a tenant's requests now: the personal model and the popularity fallback for cold users. */
    public record Served(Recommender model, Recommender popularity) {}

    /** The tenant's models, building them when missing or stale. */
    public Served forTenant(TenantId tenantId) {
        return served.computeIfAbsent(tenantId, this::build);
    }

    /** Marks the tenant's models stale; the next request rebuilds them. */
    public void invalidate(TenantId tenantId) {
        served.remove(tenantId);
    }

    /** The curve in force for the tenant: the fitted one when present, else the tenant kind's default. */
    public ForgettingCurve curveFor(TenantId tenantId) {
        return curves.find(tenantId, TENANT_SCOPE)
                .map(ForgettingCurveRepository.StoredCurve::curve)
                .orElseGet(() -> ExponentialCurve.ofDays(tenants.find(tenantId).map(Tenant::kind)
                        .map(kind -> kind.defaultHalfLifeDays()).orElse(30.0)));
    }

    private Served build(TenantId tenantId) {
        List<Behavior> log = new ArrayList<>();
        Set<ItemId> ids = new HashSet<>();
        behaviors.forEachInTimeOrder(tenantId, b -> {
            log.add(b);
            ids.add(b.itemId());
        });
        items.forEach(tenantId, item -> ids.add(item.id()));
        Catalogue catalogue = Catalogue.of(ids);
        Recommender popularity = DecayedPopularity.fit("decayed-pop", catalogue, Optional.of(curveFor(tenantId)), log);
        return new Served(popularity, popularity);
    }
}
