package dev.lethe.application.port.in;

import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tenant's forgetting curves: the one in force for the tenant, the fitted tenant and per-type curves,
 * and how many users have their own (read one with {@link GetForgettingCurveUseCase#userCurve}).
 *
 * @param scope {@code tenant} when fitted on the tenant's data, {@code default} when the tenant kind's default applies
 */
public record ForgettingCurves(ForgettingCurve inForce, String scope, List<StoredCurve> fitted, int userCurves) {
    public ForgettingCurves {
        Objects.requireNonNull(inForce, "inForce");
        Objects.requireNonNull(scope, "scope");
        fitted = List.copyOf(fitted);
        if (userCurves < 0) {
            throw new IllegalArgumentException("userCurves must not be negative, got: " + userCurves);
        }
    }

    /** One user's curve in force: their own when fitted ({@code user:<id>}), else the tenant's; with its statistics when stored. */
    public record UserCurveInForce(ForgettingCurve curve, String scope, Map<String, Double> statistics) {
        public UserCurveInForce {
            Objects.requireNonNull(curve, "curve");
            Objects.requireNonNull(scope, "scope");
            statistics = Map.copyOf(statistics);
        }
    }
}
