package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits generated tenants as training does and prints fitted vs true half-lives, the per-user median
 * relative error (users with at least 50 behaviours) of the shrunk curves, of the users' raw estimates and
 * of the tenant curve for everyone, the shrinkage chosen and the held-out log-likelihood of per-user vs tenant
 * curves: {@code java ... RecoverGeneratedHalfLives [users] [days] [seeds] [first seed]} (defaults 60, 720, 3, 1).
 */
public final class RecoverGeneratedHalfLives {
    private RecoverGeneratedHalfLives() {}

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 720;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long firstSeed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.println("| kind (truth) | seed | stored half-life (95%) | error | per-user median relative error: shrunk / raw / tenant curve | τ² chosen (moments) | mean B | held-out log-lik/behaviour: user curves vs tenant curve | difference (in SEs) | true relative half-lives h_u/h − tenant | moments τ̂² − tenant |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (TenantKind kind : TenantKind.values()) {
            for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
                SyntheticTenant t = new SyntheticGenerator(kind, users, seed, Instant.parse("2026-06-01T00:00:00Z"), Duration.ofDays(days))
                        .withHalfLifeSpread(Double.parseDouble(System.getProperty("spread", Double.toString(SyntheticGenerator.HALF_LIFE_SPREAD)))).generate();
                CurveFitReport r = new ForgettingEstimator(ForgettingEstimator.Options.defaults(ExponentialCurve.ofDays(kind.defaultHalfLifeDays())))
                        .fitAll(t.behaviors()).orElseThrow();
                Map<String, Integer> events = new HashMap<>();
                for (Behavior b : t.behaviors()) {
                    events.merge(b.userId().value(), 1, Integer::sum);
                }
                double h = r.tenant().curve().halfLifeSeconds() / 86_400;
                List<Double> errors = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                List<Double> tenantOnly = new ArrayList<>();
                double weights = 0;
                for (UserCurve user : r.users().values()) {
                    if (events.get(user.userId().value()) >= 50) {
                        double truth = t.truth().userHalfLifeDays().get(user.userId());
                        errors.add(Math.abs(user.curve().halfLifeSeconds() / 86_400 / truth - 1));
                        raw.add(Math.abs(h * user.rawScale() / truth - 1));
                        tenantOnly.add(Math.abs(h / truth - 1));
                        weights += user.shrinkageWeight();
                    }
                }
                Collections.sort(errors);
                Collections.sort(raw);
                Collections.sort(tenantOnly);
                Map<String, Double> s = r.tenant().statistics();
                // The same training fit the estimator scored (deterministic), to score other per-user scales with it.
                EventStreams streams = EventStreams.of(t.behaviors());
                EventStreams.Windows train = streams.training(0.2);
                EventStreams.Windows test = streams.heldOut(0.2);
                ExponentialExcitation.Kernel pooled = ExponentialExcitation.fit(streams, train,
                        new int[dev.lethe.domain.behavior.BehaviorType.values().length], 1, java.util.Optional.empty()).kernel();
                double[] oracle = new double[streams.userCount()];
                for (int u = 0; u < oracle.length; u++) {
                    oracle[u] = t.truth().userHalfLifeDays().get(streams.users.get(u)) / t.truth().halfLifeDays();
                }
                Map<String, Double> o = ForgettingEstimator.scaledOnHeldOut(streams, train, test, pooled, oracle, "oracle");
                Map<String, Double> m = ForgettingEstimator.userCurvesOnHeldOut(streams, train, test, pooled, s.get("userShrinkage.momentTau2"));
                double gain = s.get("heldOutLogLikelihoodPerEvent.userCurves") - s.get("heldOutLogLikelihoodPerEvent.tenantCurve");
                double se = s.getOrDefault("heldOutLogLikelihoodPerEvent.userCurvesMinusTenant.se", Double.NaN);
                double oracleGain = o.get("heldOutLogLikelihoodPerEvent.oracle") - o.get("heldOutLogLikelihoodPerEvent.tenantCurve");
                double oracleSe = o.get("heldOutLogLikelihoodPerEvent.oracleMinusTenant.se");
                double momentGain = m.get("heldOutLogLikelihoodPerEvent.userCurves") - m.get("heldOutLogLikelihoodPerEvent.tenantCurve");
                double momentSe = m.get("heldOutLogLikelihoodPerEvent.userCurvesMinusTenant.se");
                System.out.printf(Locale.ROOT, "| %s (%.0f d) | %d | %s %.2f d (%.1f–%.1f) | %+.0f%% | %s | %.4f (%.3f) | %.2f | %.5f vs %.5f | %+.5f (%+.1f SE) | %+.5f (%+.1f SE) | %+.5f (%+.1f SE) |%n", kind.wireName(),
                        t.truth().halfLifeDays(), seed, r.estimator(), h, s.getOrDefault("halfLifeSeconds.low95", Double.NaN) / 86_400,
                        s.getOrDefault("halfLifeSeconds.high95", Double.NaN) / 86_400, 100 * (h / t.truth().halfLifeDays() - 1),
                        errors.isEmpty() ? "—" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f (%d users)", errors.get(errors.size() / 2),
                                raw.get(raw.size() / 2), tenantOnly.get(tenantOnly.size() / 2), errors.size()),
                        s.getOrDefault("userShrinkage.tau2", Double.NaN), s.getOrDefault("userShrinkage.momentTau2", Double.NaN),
                        errors.isEmpty() ? Double.NaN : weights / errors.size(),
                        s.get("heldOutLogLikelihoodPerEvent.userCurves"), s.get("heldOutLogLikelihoodPerEvent.tenantCurve"),
                        gain, gain / se, oracleGain, oracleGain / oracleSe, momentGain, momentGain / momentSe);
            }
        }
    }
}
