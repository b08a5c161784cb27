package dev.lethe.domain.interest;

import dev.lethe.domain.MovieLensSmall;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Measures the profile recommender against decayed popularity on ml-latest-small, leave-last-out:
 * {@code java -cp domain/target/classes:domain/target/test-classes dev.lethe.domain.interest.EvaluateOnMovieLensSmall}.
 */
public final class EvaluateOnMovieLensSmall {
    private EvaluateOnMovieLensSmall() {}

    public static void main(String[] args) {
        MovieLensSmall ml = MovieLensSmall.load().orElseThrow(() -> new IllegalStateException("ml-latest-small not found at " + MovieLensSmall.DIRECTORY));
        LeaveLastOut split = new LeaveLastOut(ml.ratings());
        long t0 = System.nanoTime();
        Recommender pop = DecayedPopularity.fit("decayed-pop-30d", split.catalogue, Optional.of(ExponentialCurve.ofDays(30)), split.training);
        System.out.printf("%-60s val %s | test %s%n", pop.name(), split.evaluate(pop, split.validation), split.evaluate(pop, split.test));
        Function<ItemId, Set<String>> genres = item -> ml.genres().getOrDefault(item, Set.of());
        ProfileRecommender.Settings base = ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(TenantKind.VIDEO));
        TrainingData data = new TrainingData(split.catalogue, split.training, List.of());
        long t1 = System.nanoTime();
        ProfileRecommender trained = (ProfileRecommender) ProfileRecommender.trainer(genres, base).train(data, TrainingListener.SILENT);
        System.out.printf("trainer: profile curve %s, trained in %.1f s%n", trained.settings().profileCurve(), (System.nanoTime() - t1) / 1e9);
        var report = new dev.lethe.domain.forgetting.ForgettingCurveFitter().fitAll(dev.lethe.domain.forgetting.Reengagements.of(split.training, ml.genres(),
                dev.lethe.domain.forgetting.ReengagementLevel.CATEGORY)).orElseThrow();
        java.util.Map<dev.lethe.domain.behavior.UserId, dev.lethe.domain.forgetting.ForgettingCurve> userCurves = new java.util.HashMap<>();
        report.users().forEach((user, curve) -> userCurves.put(user, curve.curve()));
        ProfileRecommender perUser = trained.withUserCurves(userCurves);
        System.out.printf("%-60s val %s | test %s%n", "profile, per-user shrunk curves", split.evaluate(perUser, split.validation),
                args.length > 0 ? "-" : split.evaluate(perUser, split.test));
        List<ProfileRecommender.Settings> variants = new ArrayList<>();
        variants.add(trained.settings());
        // Ablations: an exponential profile of 30 days, and no forgetting at all (a half-life of ~30,000 years).
        variants.add(trained.settings().withProfileCurve(ExponentialCurve.ofDays(30)));
        variants.add(trained.settings().withProfileCurve(ExponentialCurve.ofDays(1e7)));
        if (args.length > 0 && args[0].equals("grid")) {
            // Tuning: validation cases only; the test cases are scored for the chosen settings alone.
            variants.clear();
            for (int window : new int[] {2, 3, 5, 10, 30}) {
                for (double cat : new double[] {0, 0.2, 0.5}) {
                    for (double popW : new double[] {0, 0.05, 0.3}) {
                        variants.add(new ProfileRecommender.Settings(trained.settings().profileCurve(), base.popularityCurve(), base.weights(),
                                window, base.profileItems(), 1.0, cat, popW));
                    }
                }
            }
        }
        for (ProfileRecommender.Settings s : variants) {
            long t2 = System.nanoTime();
            ProfileRecommender model = ProfileRecommender.fit("profile", split.catalogue, split.training, genres, s);
            LeaveLastOut.Metrics val = split.evaluate(model, split.validation);
            String test = args.length > 0 ? "-" : split.evaluate(model, split.test).toString();
            System.out.printf("%-60s val %s | test %s  [%.1f s]%n", describe(s), val, test, (System.nanoTime() - t2) / 1e9);
        }
        System.out.printf("total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String describe(ProfileRecommender.Settings s) {
        return String.format("profile %s hl=%.3gd w=%d cat=%.2f pop=%.2f", s.profileCurve().family(), s.profileCurve().halfLifeSeconds() / 86400,
                s.window(), s.categoryWeight(), s.popularityWeight());
    }
}
