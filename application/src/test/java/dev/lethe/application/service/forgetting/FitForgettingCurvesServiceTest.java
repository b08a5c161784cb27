package dev.lethe.application.service.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.CurveFitReport;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.synthetic.SyntheticGenerator;
import dev.lethe.domain.synthetic.SyntheticTenant;
import dev.lethe.domain.tenant.TenantId;
import dev.lethe.domain.tenant.TenantKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

class FitForgettingCurvesServiceTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final TenantId TENANT = new TenantId("tube");
    private static final double DAY = 86_400;

    private final ForgettingCurveRepository repository = mock(ForgettingCurveRepository.class);
    private final FitForgettingCurvesService service = new FitForgettingCurvesService(repository, t -> ExponentialCurve.ofDays(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** One generated tenant fitted as training fits it, with the tenant curve it stored. */
    private record Fitted(SyntheticTenant tenant, CurveFitReport report, StoredCurve stored) {}

    /** Fits are shared by the tests of one tenant: each takes seconds. */
    private static final Map<String, Fitted> FITTED = new ConcurrentHashMap<>();

    /**
     * 60 users over 720 days (12 half-lives of the slowest, finance, kind; shorter windows bias every
     * estimator we tried toward long half-lives, see docs/forgetting-model.md), users' own half-lives
     * log-normal around the tenant's.
     */
    private static Fitted fitted(TenantKind kind, long seed) {
        return FITTED.computeIfAbsent(kind + "/" + seed, key -> {
            SyntheticTenant tenant = new SyntheticGenerator(kind, 60, seed, NOW, Duration.ofDays(720)).generate();
            ForgettingCurveRepository store = mock(ForgettingCurveRepository.class);
            CurveFitReport report = new FitForgettingCurvesService(store, t -> ExponentialCurve.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC))
                    .fit(TENANT, tenant.behaviors(), Map.of()).orElseThrow();
            return new Fitted(tenant, report, saved(store, "tenant"));
        });
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"ECOMMERCE, 1", "ECOMMERCE, 2", "ECOMMERCE, 3", "VIDEO, 1", "VIDEO, 2", "VIDEO, 3", "FINANCE, 1", "FINANCE, 2", "FINANCE, 3"})
    void storesATenantCurveWithinFifteenPercentOfTheGeneratorsHalfLife(TenantKind kind, long seed) {
        Fitted fit = fitted(kind, seed);

        StoredCurve stored = fit.stored();
        double truth = fit.tenant().truth().halfLifeDays();
        assertThat(stored.curve()).isInstanceOf(ExponentialCurve.class);
        assertThat(stored.curve().halfLifeSeconds() / DAY).isCloseTo(truth, within(0.15 * truth));
        assertThat(stored.statistics()).containsEntry("estimator.excitation", 1.0);
        assertThat(stored.statistics().get("halfLifeSeconds.low95")).isLessThan(stored.curve().halfLifeSeconds());
        assertThat(stored.statistics().get("halfLifeSeconds.high95")).isGreaterThan(stored.curve().halfLifeSeconds());
    }

    /**
     * Users with at least 50 behaviours get their own half-life within a median 25% of the generator's;
     * the shrinkage is chosen on held-out behaviour of the training part.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"ECOMMERCE, 1", "ECOMMERCE, 2", "ECOMMERCE, 3", "VIDEO, 1", "VIDEO, 2", "VIDEO, 3", "FINANCE, 1", "FINANCE, 2", "FINANCE, 3"})
    void recoversUsersOwnHalfLivesWithShrinkageChosenOnHeldOutBehaviour(TenantKind kind, long seed) {
        Fitted fit = fitted(kind, seed);
        Map<UserId, Long> events = fit.tenant().behaviors().stream().collect(Collectors.groupingBy(Behavior::userId, Collectors.counting()));

        List<Double> errors = fit.report().users().values().stream()
                .filter(u -> events.get(u.userId()) >= 50)
                .map(u -> Math.abs(u.curve().halfLifeSeconds() / DAY / fit.tenant().truth().userHalfLifeDays().get(u.userId()) - 1))
                .sorted().toList();

        assertThat(errors).hasSizeGreaterThan(30);
        assertThat(errors.get(errors.size() / 2)).isLessThanOrEqualTo(0.25);
        assertThat(fit.stored().statistics()).containsKeys("userShrinkage.tau2", "userShrinkage.validationGainPerEvent");
    }

    /**
     * On the test part (last 20% of every window, never seen by the fit nor by the choice of τ²) the users'
     * shrunk curves predict no worse than the tenant curve, up to two standard errors of the paired difference
     * (users as the units). Why a tolerance and not a strict win: on these tenants (σ = 0.3 between users, 60
     * users) even the users' <i>true</i> half-lives predict worse than the tenant curve on two of the nine
     * (ecommerce seed 1 by 0.2 SE, finance seed 2 by 0.5 SE), so no estimator can win all nine; the shrinkage
     * of the method of moments that training used before fails this check (−2.2 SE on ecommerce seed 1,
     * −2.1 SE on video seed 1). Figures: docs/forgetting-model.md section 0.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"ECOMMERCE, 1", "ECOMMERCE, 2", "ECOMMERCE, 3", "VIDEO, 1", "VIDEO, 2", "VIDEO, 3", "FINANCE, 1", "FINANCE, 2", "FINANCE, 3"})
    void usersOwnCurvesPredictTheirHeldOutBehaviourNoWorseThanTheTenantCurve(TenantKind kind, long seed) {
        Map<String, Double> stats = fitted(kind, seed).stored().statistics();

        double userCurves = stats.get("heldOutLogLikelihoodPerEvent.userCurves");
        double tenantCurve = stats.get("heldOutLogLikelihoodPerEvent.tenantCurve");
        // Absent when every user got the tenant curve (τ² = 0): then the two are the same prediction.
        double se = stats.getOrDefault("heldOutLogLikelihoodPerEvent.userCurvesMinusTenant.se", 0.0);
        assertThat(se).isLessThan(1e-3);
        assertThat(userCurves).isGreaterThanOrEqualTo(tenantCurve - 2 * se);
    }

    @Test
    void storesTheScoresOfEveryCandidateOnTheTenantCurve() {
        SyntheticTenant tenant = new SyntheticGenerator(TenantKind.VIDEO, 30, 5, NOW, Duration.ofDays(180)).generate();

        service.fit(TENANT, tenant.behaviors(), Map.of());

        StoredCurve stored = saved("tenant");
        assertThat(stored.fittedAt()).isEqualTo(NOW);
        assertThat(stored.statistics()).containsKeys("heldOutLogLikelihoodPerEvent.excitation.exponential",
                "heldOutLogLikelihoodPerEvent.excitation.fixed-exponential", "heldOutLogLikelihoodPerEvent.return-time.power-law",
                "heldOutLogLikelihoodPerEvent.return-time.fixed-exponential", "selectionMargin");
        assertThat(stored.statistics().get("selectionMargin")).isPositive();
    }

    @Test
    void storesNothingWhenNobodyEverCameBack() {
        List<Behavior> log = List.of(
                Behavior.of(new EventId("a"), new UserId("u"), new ItemId("x"), BehaviorType.VIEW, NOW.minusSeconds(100)),
                Behavior.of(new EventId("b"), new UserId("v"), new ItemId("y"), BehaviorType.VIEW, NOW.minusSeconds(50)));

        assertThat(service.fit(TENANT, log, Map.of())).isEmpty();
        verify(repository, never()).save(any(), any());
    }

    private StoredCurve saved(String scope) {
        return saved(repository, scope);
    }

    private static StoredCurve saved(ForgettingCurveRepository store, String scope) {
        ArgumentCaptor<StoredCurve> saved = ArgumentCaptor.forClass(StoredCurve.class);
        verify(store, atLeastOnce()).save(eq(TENANT), saved.capture());
        return saved.getAllValues().stream().filter(c -> c.scope().equals(scope)).findFirst().orElseThrow();
    }
}
