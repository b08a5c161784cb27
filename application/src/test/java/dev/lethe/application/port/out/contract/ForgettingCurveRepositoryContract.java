package dev.lethe.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.TwoPhaseCurve;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ForgettingCurveRepository} must do; extend it and return your implementation to run it. */
public abstract class ForgettingCurveRepositoryContract {
    private static final Instant FITTED = Instant.parse("2024-08-01T00:00:00.5Z");
    private final TenantId tenant = ContractData.freshTenant();

    /** The implementation under test, over one store shared by every test. */
    protected abstract ForgettingCurveRepository curves();

    private ForgettingCurveRepository repository() {
        return curves();
    }

    @Test
    void everyFamilyReadsBackBitForBit() {
        StoredCurve exponential = new StoredCurve("tenant", new ExponentialCurve(86_400 * Math.E), Map.of("logLikelihood", -1234.5678901234567), FITTED);
        StoredCurve powerLaw = new StoredCurve("type:add-to-cart", new PowerLawCurve(0.1 + 0.2, 3_600 / 7.0), Map.of("observations", 5_000.0), FITTED);
        StoredCurve twoPhase = new StoredCurve("user:u-7", new TwoPhaseCurve(3_600 / 3.0, 86_400 * 30.1, 1 / 3.0),
                Map.of("se.fastWeight", Double.NaN, "se.slow", Double.POSITIVE_INFINITY), FITTED);
        for (StoredCurve curve : new StoredCurve[] {exponential, powerLaw, twoPhase}) {
            repository().save(tenant, curve);
        }

        assertThat(repository().find(tenant, "tenant")).contains(exponential);
        assertThat(repository().find(tenant, "type:add-to-cart")).contains(powerLaw);
        assertThat(repository().find(tenant, "user:u-7")).contains(twoPhase);
    }

    @Test
    void savingAScopeAgainReplacesFamilyParametersAndStatistics() {
        repository().save(tenant, new StoredCurve("tenant", ExponentialCurve.ofDays(7), Map.of("a", 1.0, "b", 2.0), FITTED));
        StoredCurve refit = new StoredCurve("tenant", new PowerLawCurve(0.5, 60), Map.of("b", 3.0), FITTED.plusSeconds(86_400));

        repository().save(tenant, refit);

        assertThat(repository().find(tenant, "tenant")).contains(refit);
        assertThat(repository().list(tenant)).containsExactly(refit);
    }

    @Test
    void listHoldsEveryCurveOfTheTenantOrderedByScope() {
        StoredCurve b = new StoredCurve("type:view", ExponentialCurve.ofDays(1), Map.of("n", 1.0), FITTED);
        StoredCurve a = new StoredCurve("tenant", ExponentialCurve.ofDays(2), Map.of(), FITTED);
        repository().save(tenant, b);
        repository().save(tenant, a);
        repository().save(ContractData.freshTenant(), new StoredCurve("tenant", ExponentialCurve.ofDays(3), Map.of(), FITTED));

        assertThat(repository().list(tenant)).containsExactly(a, b);
    }

    @Test
    void curvesOfAnotherTenantStayInvisible() {
        repository().save(ContractData.freshTenant(), new StoredCurve("tenant", ExponentialCurve.ofDays(3), Map.of(), FITTED));

        assertThat(repository().find(tenant, "tenant")).isEmpty();
        assertThat(repository().list(tenant)).isEmpty();
    }

    @Test
    void scopeWithSpacesIsRejectedNamingTheField() {
        assertThatThrownBy(() -> repository().find(tenant, "user: x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
    }
}
