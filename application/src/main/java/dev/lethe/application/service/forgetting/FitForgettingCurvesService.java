package dev.lethe.application.service.forgetting;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.CurveFitReport;
import dev.lethe.domain.forgetting.ForgettingCurveFitter;
import dev.lethe.domain.forgetting.ReengagementLevel;
import dev.lethe.domain.forgetting.Reengagements;
import dev.lethe.domain.forgetting.UserCurve;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fits a tenant's forgetting curves on its event log (the tenant curve, one per behaviour type, one per
 * user shrunk toward the tenant's) and stores them, so that serving decays interests with the curve
 * learned from the tenant's own users. Re-engagement is measured per category when the catalogue has
 * categories, else per item. Blocks on the store.
 */
public final class FitForgettingCurvesService {
    /** Per-user curves are stored only when the user's own data moved them at least this far from the tenant's. */
    static final double MIN_USER_SHRINKAGE_WEIGHT = 0.05;

    private final ForgettingCurveRepository curves;
    private final ForgettingCurveFitter fitter;
    private final Clock clock;

    public FitForgettingCurvesService(ForgettingCurveRepository curves, ForgettingCurveFitter fitter, Clock clock) {
        this.curves = curves;
        this.fitter = fitter;
        this.clock = clock;
    }

    /** Fits and stores; empty (and nothing stored) when the log has too few returns to fit. */
    public Optional<CurveFitReport> fit(TenantId tenantId, List<Behavior> log, Map<ItemId, Set<String>> categories) {
        boolean categorized = categories.values().stream().anyMatch(c -> !c.isEmpty());
        ReengagementLevel level = categorized ? ReengagementLevel.CATEGORY : ReengagementLevel.ITEM;
        Optional<CurveFitReport> report = fitter.fitAll(Reengagements.of(log, categories, level));
        report.ifPresent(r -> store(tenantId, r));
        return report;
    }

    private void store(TenantId tenantId, CurveFitReport report) {
        Instant now = clock.instant();
        report.byScope().forEach((scope, fit) -> curves.save(tenantId, new StoredCurve(scope, fit.curve(),
                withLevel(fit.statistics(), report.level()), now)));
        for (UserCurve user : report.users().values()) {
            if (user.shrinkageWeight() >= MIN_USER_SHRINKAGE_WEIGHT) {
                curves.save(tenantId, new StoredCurve("user:" + user.userId().value(), user.curve(), Map.of(
                        "shrinkageWeight", user.shrinkageWeight(),
                        "rawScale", user.rawScale(),
                        "scale", user.scale(),
                        "returns", (double) user.returns(),
                        "observations", (double) user.observations()), now));
            }
        }
    }

    private static Map<String, Double> withLevel(Map<String, Double> statistics, ReengagementLevel level) {
        Map<String, Double> all = new TreeMap<>(statistics);
        all.put("level." + level.wireName(), 1.0);
        return all;
    }
}
