package dev.lethe.application.service.forgetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.lethe.application.port.in.ForgettingCurves;
import dev.lethe.application.port.out.ForgettingCurveRepository;
import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.application.service.serving.ServingModels;
import dev.lethe.application.service.serving.ServingModels.CurveInForce;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GetForgettingCurveServiceTest {
    private static final TenantId TENANT = new TenantId("tube");
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private final ForgettingCurveRepository curves = mock(ForgettingCurveRepository.class);
    private final ServingModels serving = mock(ServingModels.class);
    private final GetForgettingCurveService service = new GetForgettingCurveService(curves, serving);

    @Test
    void summaryKeepsTenantAndTypeCurvesAndOnlyCountsUserCurves() {
        when(serving.tenantCurve(TENANT)).thenReturn(new CurveInForce(ExponentialCurve.ofDays(21), "tenant"));
        when(curves.list(TENANT)).thenReturn(List.of(stored("tenant", 21), stored("type:watch", 20), stored("user:u1", 30), stored("user:u2", 12)));

        ForgettingCurves summary = service.forgettingCurves(TENANT);

        assertThat(summary.fitted()).extracting(StoredCurve::scope).containsExactly("tenant", "type:watch");
        assertThat(summary.userCurves()).isEqualTo(2);
    }

    @Test
    void aUsersCurveComesWithItsStoredStatistics() {
        UserId user = new UserId("u1");
        when(serving.curveFor(TENANT, user)).thenReturn(new CurveInForce(ExponentialCurve.ofDays(30), "user:u1"));
        when(curves.find(TENANT, "user:u1")).thenReturn(Optional.of(stored("user:u1", 30)));

        ForgettingCurves.UserCurveInForce curve = service.userCurve(TENANT, user);

        assertThat(curve.scope()).isEqualTo("user:u1");
        assertThat(curve.statistics()).containsEntry("shrinkageWeight", 0.5);
    }

    private static StoredCurve stored(String scope, double days) {
        return new StoredCurve(scope, ExponentialCurve.ofDays(days), Map.of("shrinkageWeight", 0.5), AT);
    }
}
