package dev.lethe.domain.forgetting;

import dev.lethe.domain.MovieLensSmall;
import java.util.Locale;

/**
 * Chooses the forgetting curve of ml-latest-small as training does and prints every candidate's held-out
 * log-likelihood per behaviour: {@code java ... EstimateMovieLensSmall}.
 */
public final class EstimateMovieLensSmall {
    private EstimateMovieLensSmall() {}

    public static void main(String[] args) {
        MovieLensSmall ml = MovieLensSmall.load().orElseThrow(() -> new IllegalStateException("ml-latest-small not found at " + MovieLensSmall.DIRECTORY));
        long t0 = System.nanoTime();
        CurveFitReport report = new ForgettingEstimator(ForgettingEstimator.Options.defaults(ExponentialCurve.ofDays(30))).fitAll(ml.ratings()).orElseThrow();
        System.out.printf(Locale.ROOT, "%d ratings, %.1f s; selected %s, tenant curve %s%n", ml.ratings().size(), (System.nanoTime() - t0) / 1e9,
                report.estimator(), report.tenant().curve());
        System.out.println("| estimator | family | half-life | held-out log-lik / behaviour |");
        System.out.println("|---|---|---|---|");
        for (EstimatorScore s : report.candidates()) {
            System.out.printf(Locale.ROOT, "| %s | %s%s | %.4g s | %s%.4f%s |%n", s.estimator(), s.learned() ? "" : "fixed ", s.family().wireName(),
                    s.halfLifeSeconds(), s.selected() ? "**" : "", s.heldOutLogLikelihoodPerEvent(), s.selected() ? "**" : "");
        }
        report.tenant().statistics().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s = %.6g%n", k, v));
    }
}
