package dev.lethe.domain.forgetting;

import dev.lethe.domain.behavior.UserId;
import java.util.Objects;

/**
 * One user's forgetting curve: the tenant curve with its time axis stretched by a user factor that
 * was shrunk toward 1 (the tenant curve) in proportion to how little the user's own data says.
 *
 * @param rawScale the user's maximum-likelihood stretch factor (1 when the user's data cannot estimate one)
 * @param scale the shrunk factor the curve uses
 * @param shrinkageWeight B in [0, 1]: log scale = B · log rawScale; 0 means the tenant curve
 * @param returns the user's observed returns
 */
public record UserCurve(UserId userId, ForgettingCurve curve, double rawScale, double scale, double shrinkageWeight, long returns, long observations) {
    public UserCurve {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(curve, "curve");
        if (!(rawScale > 0) || !(scale > 0)) {
            throw new IllegalArgumentException("rawScale and scale must be positive, got: " + rawScale + ", " + scale);
        }
        if (!(shrinkageWeight >= 0 && shrinkageWeight <= 1)) {
            throw new IllegalArgumentException("shrinkageWeight must be in [0, 1], got: " + shrinkageWeight);
        }
    }
}
