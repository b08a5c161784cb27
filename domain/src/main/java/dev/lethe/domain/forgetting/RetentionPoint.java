package dev.lethe.domain.forgetting;

/**
 * One bin of elapsed time with the empirical and the fitted retention in it, for plotting a fitted
 * curve over the data. Both are hazards relative to the initial return rate λ: observed =
 * returns / (λ·exposure), fitted = expected returns / (λ·exposure), where exposure is the time the
 * observations spent in the bin without having returned yet.
 *
 * @param fromSeconds lower edge of the bin (inclusive)
 * @param toSeconds upper edge of the bin (exclusive)
 * @param elapsedSeconds where to draw the point: the geometric middle of the bin (half its upper edge for the first)
 * @param observed the empirical retention in the bin
 * @param fitted the fitted curve's mean retention over the same exposure
 * @param returns how many observations returned within the bin
 * @param exposureSeconds the time observations were at risk in the bin
 */
public record RetentionPoint(
        double fromSeconds, double toSeconds, double elapsedSeconds, double observed, double fitted, double returns, double exposureSeconds) {
    public RetentionPoint {
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds)) {
            throw new IllegalArgumentException("toSeconds must exceed fromSeconds >= 0, got: [" + fromSeconds + ", " + toSeconds + ")");
        }
        if (!(exposureSeconds > 0)) {
            throw new IllegalArgumentException("exposureSeconds must be positive, got: " + exposureSeconds);
        }
        if (!(observed >= 0) || !(fitted >= 0) || !(returns >= 0)) {
            throw new IllegalArgumentException("observed, fitted and returns must be non-negative");
        }
    }
}
