package dev.lethe.domain.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one item's score came about: {@code score = baseline + Σ contributions}, the contributions
 * largest first. The baseline is the part no reason is given for (0 for the profile recommender,
 * whose scores are sums of non-negative parts; the catalogue's mean score for a blend of normalised
 * scores, so that its contributions say how far each component lifted the item above a typical one).
 *
 * @param score the item's score as the model ranked it
 * @param baseline the part of the score that is not item-specific
 * @param contributions the rest of the score, in parts; sorted largest value first on construction
 */
public record ScoreBreakdown(double score, double baseline, List<Contribution> contributions) {
    /**
     * Interests whose current strength is under this are not offered as reasons: their part of the
     * score is folded into one {@link Contribution.Kind#FADED} contribution. Strengths are in behaviour
     * weights, so 0.1 is a tenth of one fresh view (weight 1 in every tenant kind's defaults), e.g.
     * one view after 3.3 half-lives of an exponential curve.
     */
    public static final double REASON_FLOOR = 0.1;

    private static final Comparator<Contribution> LARGEST_FIRST = Comparator.comparingDouble((Contribution c) -> -c.value())
            .thenComparing(Contribution::kind)
            .thenComparing(c -> c.key().orElse(""));

    public ScoreBreakdown {
        if (!Double.isFinite(score) || !Double.isFinite(baseline)) {
            throw new IllegalArgumentException("score and baseline must be finite, got: " + score + ", " + baseline);
        }
        List<Contribution> sorted = new ArrayList<>(contributions);
        sorted.sort(LARGEST_FIRST);
        contributions = List.copyOf(sorted);
    }

    /** A score that is one contribution of {@code kind} (a model that says no finer reasons). */
    public static ScoreBreakdown single(Contribution.Kind kind, Optional<String> key, double score) {
        return new ScoreBreakdown(score, 0, List.of(Contribution.of(kind, key, score)));
    }

    /** For each of {@code items}, the score {@code model} gives it as of the context's moment, as one contribution of {@code kind}. */
    public static List<ScoreBreakdown> wholeScores(Recommender model, Contribution.Kind kind, Optional<String> key, ScoringContext context,
            int[] items) {
        double[] scores = new double[model.catalogue().size()];
        model.score(context, scores);
        List<ScoreBreakdown> result = new ArrayList<>(items.length);
        for (int i : items) {
            result.add(single(kind, key, scores[i]));
        }
        return result;
    }

    /** {@code baseline + Σ contributions}: equals {@link #score} up to rounding for a true breakdown. */
    public double total() {
        double sum = baseline;
        for (Contribution c : contributions) {
            sum += c.value();
        }
        return sum;
    }

    /**
     * {@code contribution}'s share of the score above the baseline; the shares of all contributions add
     * up to 1 (a negative share pulled the item down). 0 when the score is the baseline.
     */
    public double share(Contribution contribution) {
        double above = score - baseline;
        return above == 0 ? 0 : contribution.value() / above;
    }

    /**
     * The breakdown as reasons: contributions of the same kind and key summed, interests under {@link #REASON_FLOOR} folded into one {@code faded}
     * contribution, zero contributions dropped, at most {@code max} contributions named and the rest
     * folded into one {@code other}; a {@code none} contribution when nothing is left. Never empty; the
     * total stays the same.
     */
    public ScoreBreakdown asReasons(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got: " + max);
        }
        Map<List<Object>, Contribution> byReason = new LinkedHashMap<>();
        double faded = 0;
        boolean anyFaded = false;
        for (Contribution c : contributions) {
            if (c.interest().isPresent() && c.interest().get().currentStrength() < REASON_FLOOR) {
                faded += c.value();
                anyFaded = true;
            } else {
                // The same reason through two components of a blend (e.g. popularity in the profile and as the prior) is one.
                byReason.merge(List.of(c.kind(), c.key()), c, (a, b) -> a.withValue(a.value() + b.value()));
            }
        }
        List<Contribution> named = new ArrayList<>();
        for (Contribution c : byReason.values()) {
            if (c.value() != 0) {
                named.add(c);
            }
        }
        named.sort(LARGEST_FIRST);
        List<Contribution> kept = new ArrayList<>(named.subList(0, Math.min(max, named.size())));
        if (named.size() > max) {
            double rest = 0;
            for (Contribution c : named.subList(max, named.size())) {
                rest += c.value();
            }
            kept.add(Contribution.of(Contribution.Kind.OTHER, Optional.empty(), rest));
        }
        if (anyFaded) {
            kept.add(Contribution.of(Contribution.Kind.FADED, Optional.empty(), faded));
        }
        if (kept.isEmpty()) {
            kept.add(Contribution.of(Contribution.Kind.NONE, Optional.empty(), score - baseline));
        }
        return new ScoreBreakdown(score, baseline, kept);
    }
}
