package dev.lethe.application.service.forgetting;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.forgetting.CurveFitReport;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.ForgettingEstimator;
import dev.lethe.domain.forgetting.ReengagementLevel;
import dev.lethe.domain.forgetting.UserCurve;
import dev.lethe.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Learns a tenant's forgetting curves on its event log and stores them (the tenant curve, one per
 * behaviour type, one per user shrunk toward the tenant's), so that serving decays interests with the
 * curve learned from the tenant's own users. The estimator (self-excitation or return time, and the
 * family) is chosen per tenant by held-out predictive likelihood ({@link ForgettingEstimator}); the stored
 * tenant curve carries which one won, the scores of all candidates and the half-life's 95% interval.
 * Blocks on the store.
 */
public final class FitForgettingCurvesService {
    /** Per-user curves are stored only when the user's own data moved them at least this far from the tenant's. */
    static final double MIN_USER_SHRINKAGE_WEIGHT = 0.05;

    private final ForgettingCurveRepository curves;
    private final Function<TenantId, ForgettingCurve> reference;
    private final Clock clock;

    /**
     * @param reference the curve each tenant is scored against as a fixed-half-life baseline (its kind's default)
     */
    public FitForgettingCurvesService(ForgettingCurveRepository curves, Function<TenantId, ForgettingCurve> reference, Clock clock) {
        this.curves = curves;
        this.reference = reference;
        this.clock = clock;
    }

    /**
     * Fits and stores; empty (and nothing stored) when the log has too few repeat behaviours to fit.
     * Curves are learned on each user's whole behaviour stream; {@code categories} are not needed for that.
     */
    public Optional<CurveFitReport> fit(TenantId tenantId, List<Behavior> log, Map<ItemId, Set<String>> categories) {
        Optional<CurveFitReport> report = new ForgettingEstimator(ForgettingEstimator.Options.defaults(reference.apply(tenantId))).fitAll(log);
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
