package dev.lethe.domain.forgetting;

import dev.lethe.domain.MovieLensSmall;

/** Fits the curves of ml-latest-small and prints them with timings: {@code java ... FitMovieLensSmall}. */
public final class FitMovieLensSmall {
    private FitMovieLensSmall() {}

    public static void main(String[] args) {
        MovieLensSmall ml = MovieLensSmall.load().orElseThrow(() -> new IllegalStateException("ml-latest-small not found at " + MovieLensSmall.DIRECTORY));
        ForgettingCurveFitter fitter = new ForgettingCurveFitter();
        for (ReengagementLevel level : ReengagementLevel.values()) {
            long t0 = System.nanoTime();
            Reengagements data = Reengagements.of(ml.ratings(), ml.genres(), level);
            long t1 = System.nanoTime();
            var report = fitter.fitAll(data);
            long t2 = System.nanoTime();
            System.out.printf("%s: %d observations, %d returns; build %.2f s, fit %.2f s%n", level, data.size(), data.returns(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            report.ifPresentOrElse(r -> {
                System.out.println("  tenant " + r.tenant().curve() + " half-life " + r.tenant().curve().halfLifeSeconds() / 86400 + " d");
                r.tenant().statistics().forEach((k, v) -> System.out.printf("    %s = %.6g%n", k, v));
                r.tenant().retentionPlot().forEach(p -> System.out.printf("    Δt %.3g s: observed %.4g fitted %.4g (returns %.0f)%n", p.elapsedSeconds(), p.observed(), p.fitted(), p.returns()));
                long shrunk = r.users().values().stream().filter(u -> u.shrinkageWeight() > 0).count();
                double meanB = r.users().values().stream().mapToDouble(UserCurve::shrinkageWeight).average().orElse(0);
                System.out.printf("  users %d, with own estimate %d, mean B %.3f%n", r.users().size(), shrunk, meanB);
            }, () -> System.out.println("  not enough returns to fit"));
        }
    }
}
