package dev.lethe.application.port.in;

import dev.lethe.application.port.out.ForgettingCurveRepository.StoredCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import java.util.List;
import java.util.Objects;

/**
 * The tenant's forgetting curves: the one in force for the tenant and every fitted one.
 *
 * @param scope {@code tenant} when fitted on the tenant's data, {@code default} when the tenant kind's default applies
 */
public record ForgettingCurves(ForgettingCurve inForce, String scope, List<StoredCurve> fitted) {
    public ForgettingCurves {
        Objects.requireNonNull(inForce, "inForce");
        Objects.requireNonNull(scope, "scope");
        fitted = List.copyOf(fitted);
    }
}
