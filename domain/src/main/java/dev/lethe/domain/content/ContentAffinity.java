package dev.lethe.domain.content;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.interest.Interest;
import dev.lethe.domain.interest.InterestProfile;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.item.Item;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.FittedParameters;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.NamedTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.sequence.ValidationRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The interest profile with a content component: each of the user's strongest decayed item interests
 * spreads its current strength over the items whose text is most like it ({@link ContentNeighbours},
 * cosine of TF-IDF vectors), and that part, scaled so its largest value is {@code weight}, is added to
 * the profile's score. It needs no behaviour of the item it scores, so an item added to the catalogue
 * a minute ago is recommended to the users whose fading interests its title, tags and categories
 * resemble. New items get the content part with a second weight added, {@code newItemWeight}: the
 * profile gives them nothing else. An item is new while it has no behaviour before the moment of
 * scoring and, when its creation time is known ({@link Item#createdAt()}), entered the catalogue at
 * most {@code newItemDays} before it: an old item nobody touched is not a new arrival. An item created
 * after the moment with no behaviour before it does not exist yet and gets no content part (a
 * behaviour before the creation time means the catalogue learnt of the item late: it exists).
 *
 * <p>Both weights and the window are fitted by NDCG@k, weight 0 (the plain profile) among the choices so
 * the fit never loses to the profile: {@code weight} on the validation cases, {@code newItemWeight} and
 * {@code newItemDays} on first-event cases, each item's first behaviour in the training log with the user's earlier behaviours as history,
 * which are new-item cases because every part of the profile is as of the moment of scoring.
 */
public final class ContentAffinity implements Recommender, FittedParameters {
    /** The family-name suffix: {@code profile-content}. */
    public static final String SUFFIX = "-content";
    /** Content neighbours kept per item. */
    public static final int NEIGHBOURS = 20;
    /** The weights tried on validation; 0 (the plain profile) is among them, so the fit never loses to it on validation. */
    public static final double[] WEIGHT_GRID = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5};
    /** The new-item weights tried on first-event cases. */
    public static final double[] NEW_ITEM_GRID = {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 4, 8, 16};
    /** The latest first-event cases the new-item weight is fitted on, at most. */
    public static final int FIRST_EVENT_CASES = 500;
    /** With fewer first-event cases than this, the new-item weight stays 0. */
    public static final int MIN_FIRST_EVENT_CASES = 20;
    /** How long after its creation an item counts as new, in days, tried when items carry creation times. */
    public static final double[] NEW_ITEM_DAYS_GRID = {7, 30, 90, 365};
    /** The window of a model fitted without creation times (it only matters once items carry them). */
    public static final double DEFAULT_NEW_ITEM_DAYS = 30;
    /** An unknown creation time. */
    private static final long UNKNOWN = Long.MIN_VALUE;
    private static final double DAY_MILLIS = 86_400_000.0;

    private final String name;
    private final ProfileRecommender profile;
    private final ContentNeighbours neighbours;
    private final Recommender counts;
    private final double weight;
    private final double newItemWeight;
    private final double newItemDays;
    /** Each catalogue item's creation time in epoch milliseconds, {@link #UNKNOWN} when not known. */
    private final long[] created;
    private final boolean anyCreated;

    /** A model whose items carry no creation time: new means no behaviour yet. */
    public ContentAffinity(String name, ProfileRecommender profile, ContentNeighbours neighbours, Recommender counts,
            double weight, double newItemWeight) {
        this(name, profile, neighbours, counts, weight, newItemWeight, item -> Optional.empty(), DEFAULT_NEW_ITEM_DAYS);
    }

    /**
     * @param neighbours rows follow {@code profile}'s catalogue indices (rows may be missing for the last items)
     * @param counts scores each item by its number of behaviours before the moment of scoring (plain popularity)
     * @param createdOf when each item entered the catalogue, where known
     * @param newItemDays how long after its creation an item counts as new
     */
    public ContentAffinity(String name, ProfileRecommender profile, ContentNeighbours neighbours, Recommender counts,
            double weight, double newItemWeight, Function<ItemId, Optional<Instant>> createdOf, double newItemDays) {
        this.name = Objects.requireNonNull(name, "name");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.weight = requireWeight("weight", weight);
        this.newItemWeight = requireWeight("newItemWeight", newItemWeight);
        if (!(newItemDays > 0) || Double.isInfinite(newItemDays)) {
            throw new IllegalArgumentException("newItemDays must be positive and finite, got: " + newItemDays);
        }
        this.newItemDays = newItemDays;
        if (!counts.catalogue().items().equals(profile.catalogue().items())) {
            throw new IllegalArgumentException("counts must rank the profile's catalogue");
        }
        Objects.requireNonNull(createdOf, "createdOf");
        List<ItemId> items = profile.catalogue().items();
        this.created = new long[items.size()];
        boolean any = false;
        for (int i = 0; i < created.length; i++) {
            Optional<Instant> at = createdOf.apply(items.get(i));
            created[i] = at.map(Instant::toEpochMilli).orElse(UNKNOWN);
            any |= at.isPresent();
        }
        this.anyCreated = any;
    }

    /**
     * The fitted model; {@code objective[a][b]} is the fit's objective for {@code WEIGHT_GRID[a]} and
     * {@code NEW_ITEM_GRID[b]}, {@code newItemShare} the share of first-event cases in it.
     */
    public record Fit(ContentAffinity model, double[][] objective, int validationCases, int firstEventCases, double newItemShare) {}

    /** {@link #fit(String, ProfileRecommender, ContentNeighbours, Recommender, Function, List, List, double, int)} without creation times. */
    public static Fit fit(String name, ProfileRecommender profile, ContentNeighbours neighbours, Recommender counts,
            List<ValidationCase> validation, List<ValidationCase> firstEvents, double newItemShare, int k) {
        return fit(name, profile, neighbours, counts, item -> Optional.empty(), validation, firstEvents, newItemShare, k);
    }

    /**
     * Chooses the two weights from {@link #WEIGHT_GRID} × {@link #NEW_ITEM_GRID} by the mixture of mean
     * NDCG@{@code k} on {@code validation} and on {@code firstEvents} that a new item is the next item
     * {@code newItemShare} of the time ({@code validation} alone, new-item weight 0, with fewer than
     * {@value #MIN_FIRST_EVENT_CASES} first events). Ties go to the smaller weights, so (0, 0), the plain
     * profile, wins unless content helps. When items carry creation times the new-item window is chosen
     * from {@link #NEW_ITEM_DAYS_GRID} too, and {@code objective} is the slice at the chosen window.
     */
    public static Fit fit(String name, ProfileRecommender profile, ContentNeighbours neighbours, Recommender counts,
            Function<ItemId, Optional<Instant>> createdOf, List<ValidationCase> validation, List<ValidationCase> firstEvents,
            double newItemShare, int k) {
        if (!(newItemShare >= 0 && newItemShare <= 1)) {
            throw new IllegalArgumentException("newItemShare must be in [0, 1], got: " + newItemShare);
        }
        boolean withNew = firstEvents.size() >= MIN_FIRST_EVENT_CASES;
        double share = withNew ? newItemShare : 0;
        ContentAffinity probe = new ContentAffinity(name, profile, neighbours, counts, 0, 0, createdOf, DEFAULT_NEW_ITEM_DAYS);
        double[] days = probe.anyCreated ? NEW_ITEM_DAYS_GRID : new double[] {DEFAULT_NEW_ITEM_DAYS};
        double[][][] validationNdcg = probe.gridNdcg(validation, withNew, days, k);
        double[][][] firstNdcg = withNew ? probe.gridNdcg(firstEvents, true, days, k) : new double[WEIGHT_GRID.length][NEW_ITEM_GRID.length][days.length];
        double[][][] objective = new double[WEIGHT_GRID.length][NEW_ITEM_GRID.length][days.length];
        int bestA = 0;
        int bestB = 0;
        int bestD = 0;
        for (int a = 0; a < WEIGHT_GRID.length; a++) {
            for (int b = 0; b < NEW_ITEM_GRID.length; b++) {
                for (int d = 0; d < days.length; d++) {
                    objective[a][b][d] = (1 - share) * validationNdcg[a][b][d] + share * firstNdcg[a][b][d];
                    if (objective[a][b][d] > objective[bestA][bestB][bestD]) {
                        bestA = a;
                        bestB = b;
                        bestD = d;
                    }
                }
            }
        }
        double[][] slice = new double[WEIGHT_GRID.length][NEW_ITEM_GRID.length];
        for (int a = 0; a < WEIGHT_GRID.length; a++) {
            for (int b = 0; b < NEW_ITEM_GRID.length; b++) {
                slice[a][b] = objective[a][b][bestD];
            }
        }
        return new Fit(new ContentAffinity(name, profile, neighbours, counts, WEIGHT_GRID[bestA], NEW_ITEM_GRID[bestB], createdOf, days[bestD]),
                slice, validation.size(), firstEvents.size(), share);
    }

    /**
     * Mean NDCG@k of every grid triple on {@code cases} (content weight, new-item weight, new-item
     * window), scoring each case once; new-item weights past 0 only {@code withNew}.
     */
    private double[][][] gridNdcg(List<ValidationCase> cases, boolean withNew, double[] days, int k) {
        int n = catalogue().size();
        double[][][] sums = new double[WEIGHT_GRID.length][NEW_ITEM_GRID.length][days.length];
        double[] base = new double[n];
        double[] behaviours = new double[n];
        double[] scores = new double[n];
        boolean[][] fresh = new boolean[days.length][n];
        boolean[] exists = new boolean[n];
        for (ValidationCase c : cases) {
            int target = ValidationRanking.target(catalogue(), c);
            java.util.BitSet consumed = ValidationRanking.consumed(catalogue(), c.context().history());
            InterestProfile user = profile.profile(c.context());
            profile.score(c.context(), user, base);
            double[] part = contentPart(strongest(user, c.context().asOf()), n);
            double max = max(part);
            long asOf = c.context().asOf().toEpochMilli();
            if (withNew || anyCreated) {
                counts.score(c.context(), behaviours);
            }
            for (int i = 0; i < n; i++) {
                exists[i] = exists(i, asOf, behaviours);
                for (int d = 0; d < days.length; d++) {
                    fresh[d][i] = withNew && isNew(i, asOf, behaviours, days[d]);
                }
            }
            for (int a = 0; a < WEIGHT_GRID.length; a++) {
                for (int b = 0; b < NEW_ITEM_GRID.length; b++) {
                    if (b > 0 && !withNew) {
                        continue;
                    }
                    for (int d = 0; d < days.length; d++) {
                        if (b == 0 && d > 0) {
                            continue; // no new-item weight: the window changes nothing
                        }
                        for (int i = 0; i < n; i++) {
                            double w = fresh[d][i] ? WEIGHT_GRID[a] + NEW_ITEM_GRID[b] : WEIGHT_GRID[a];
                            scores[i] = max > 0 && exists[i] ? base[i] + w / max * part[i] : base[i];
                        }
                        sums[a][b][d] += ValidationRanking.ndcg(scores, target, consumed, k);
                    }
                }
            }
        }
        for (double[][] plane : sums) {
            for (int b = 0; b < plane.length; b++) {
                for (int d = 0; d < days.length; d++) {
                    plane[b][d] = cases.isEmpty() ? 0 : plane[b][d] / cases.size();
                }
                if (b == 0 || !withNew) {
                    java.util.Arrays.fill(plane[b], 1, days.length, plane[b][0]);
                }
            }
            if (!withNew) {
                for (int b = 1; b < plane.length; b++) {
                    plane[b] = plane[0].clone();
                }
            }
        }
        return sums;
    }

    /**
     * Whether item {@code i} exists at {@code asOf}: its creation time is unknown or not later, or it has a
     * behaviour before {@code asOf} ({@code behaviours}: each item's count before it, null when not read).
     */
    private boolean exists(int i, long asOf, double[] behaviours) {
        return created[i] == UNKNOWN || created[i] <= asOf || behaviours != null && behaviours[i] > 0;
    }

    /**
     * Whether item {@code i} is new at {@code asOf}: no behaviour before it ({@code behaviours} null: not
     * new) and, with its creation time known, created at most {@code days} before it.
     */
    private boolean isNew(int i, long asOf, double[] behaviours, double days) {
        if (behaviours == null || behaviours[i] > 0) {
            return false;
        }
        return created[i] == UNKNOWN || created[i] <= asOf && asOf - created[i] <= days * DAY_MILLIS;
    }

    /** The share of {@code events} that are the first behaviour on their item. */
    public static double newItemShare(List<Behavior> events) {
        Set<ItemId> items = new HashSet<>();
        for (Behavior b : events) {
            items.add(b.itemId());
        }
        return events.isEmpty() ? 0 : items.size() / (double) events.size();
    }

    /**
     * The new-item cases of {@code events} (in time order): each item's first behaviour, as of it, with
     * the user's earlier behaviours as history; the latest {@code max} of them, skipping users with no
     * earlier behaviour.
     */
    public static List<ValidationCase> firstEvents(List<Behavior> events, int max) {
        Set<ItemId> seen = new HashSet<>();
        Map<UserId, List<Behavior>> history = new HashMap<>();
        List<ValidationCase> cases = new ArrayList<>();
        for (Behavior b : events) {
            List<Behavior> past = history.computeIfAbsent(b.userId(), u -> new ArrayList<>());
            if (seen.add(b.itemId()) && !past.isEmpty()) {
                cases.add(new ValidationCase(new ScoringContext(b.userId(), past, b.occurredAt()), b.itemId()));
            }
            past.add(b);
        }
        return cases.size() <= max ? cases : List.copyOf(cases.subList(cases.size() - max, cases.size()));
    }

    /**
     * A trainer of {@code profile-content}: trains the profile, fits TF-IDF on the texts of the
     * catalogue's items ({@code itemOf}), keeps {@value #NEIGHBOURS} content neighbours per item and
     * fits the weight on the validation cases by NDCG@{@code k}.
     */
    public static ModelTrainer trainer(ModelTrainer profile, Function<ItemId, Optional<Item>> itemOf, int k) {
        String name = profile.name() + SUFFIX;
        return new NamedTrainer(name, (data, listener) -> {
            Recommender trained = profile.train(data, listener);
            if (!(trained instanceof ProfileRecommender p)) {
                throw new IllegalArgumentException("profile must train a ProfileRecommender, got: " + trained.getClass().getSimpleName());
            }
            ContentNeighbours neighbours = ContentIndex.fit(data.catalogue(), itemOf).neighbours(NEIGHBOURS);
            Recommender counts = DecayedPopularity.trainer("pop", Optional.empty()).train(data, listener);
            Function<ItemId, Optional<Instant>> createdOf = item -> itemOf.apply(item).flatMap(Item::createdAt);
            return fit(name, p, neighbours, counts, createdOf, data.validation(), firstEvents(data.events(), FIRST_EVENT_CASES),
                    newItemShare(data.events()), k).model();
        });
    }

    /** The profile this model adds to. */
    public ProfileRecommender profile() {
        return profile;
    }

    /** The content neighbours. */
    public ContentNeighbours neighbours() {
        return neighbours;
    }

    /** The fitted weight of the content part. */
    public double weight() {
        return weight;
    }

    /** The fitted weight added to the content part of items with no behaviour yet. */
    public double newItemWeight() {
        return newItemWeight;
    }

    /** How long after its creation an item counts as new, in days. */
    public double newItemDays() {
        return newItemDays;
    }

    /** The plain-popularity counts that tell new items. */
    public Recommender counts() {
        return counts;
    }

    private static double requireWeight(String what, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(what + " must be finite and non-negative, got: " + w);
        }
        return w;
    }

    @Override
    public Map<String, Double> fittedParameters() {
        Map<String, Double> fitted = new LinkedHashMap<>();
        fitted.put("contentWeight", weight);
        fitted.put("newItemContentWeight", newItemWeight);
        if (anyCreated) {
            fitted.put("newItemDays", newItemDays);
        }
        return fitted;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return profile.catalogue();
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        InterestProfile user = profile.profile(context);
        profile.score(context, user, scores);
        if (weight == 0 && newItemWeight == 0) {
            return;
        }
        double[] part = contentPart(strongest(user, context.asOf()), scores.length);
        double max = max(part);
        if (!(max > 0)) {
            return;
        }
        double[] behaviours = behavioursIfNeeded(context, scores.length);
        long asOf = context.asOf().toEpochMilli();
        for (int i = 0; i < part.length; i++) {
            if (part[i] > 0) {
                scores[i] += factor(behaviours, i, max, asOf) * part[i];
            }
        }
    }

    /**
     * The scale of the content part for item {@code i}: the new-item weight joins while it is new, and an
     * item created after the moment gets none.
     */
    private double factor(double[] behaviours, int i, double max, long asOf) {
        if (!exists(i, asOf, behaviours)) {
            return 0;
        }
        return (isNew(i, asOf, behaviours, newItemDays) ? weight + newItemWeight : weight) / max;
    }

    /** Each item's behaviours before the moment, when the new-item weight or creation times need them; else null. */
    private double[] behavioursIfNeeded(ScoringContext context, int n) {
        if (newItemWeight == 0 && !anyCreated) {
            return null;
        }
        double[] behaviours = new double[n];
        counts.score(context, behaviours);
        return behaviours;
    }

    /**
     * The profile's breakdown of each item's score plus one {@code content} contribution per user item
     * whose text the item's resembles: that interest's current strength times the similarity, scaled as
     * {@link #score} scales it. The contributions add up to the score.
     */
    @Override
    public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        List<ScoreBreakdown> base = profile.explain(context, items);
        if (weight == 0 && newItemWeight == 0) {
            return base;
        }
        int n = catalogue().size();
        List<Interest<ItemId>> interests = strongest(profile.profile(context), context.asOf());
        double max = max(contentPart(interests, n));
        if (!(max > 0)) {
            return base;
        }
        double[] behaviours = behavioursIfNeeded(context, n);
        long asOf = context.asOf().toEpochMilli();
        List<ScoreBreakdown> result = new ArrayList<>(items.length);
        for (int t = 0; t < items.length; t++) {
            int target = items[t];
            double factor = factor(behaviours, target, max, asOf);
            List<Contribution> parts = new ArrayList<>(base.get(t).contributions());
            double added = 0;
            for (Interest<ItemId> interest : interests) {
                OptionalInt j = catalogue().indexOf(interest.key());
                double similarity = j.isPresent() ? similarity(neighbours.row(j.getAsInt()), target) : 0;
                double value = factor * interest.currentStrength() * similarity;
                if (value > 0) {
                    parts.add(new Contribution(Contribution.Kind.CONTENT, Optional.of(interest.key().value()), value,
                            Optional.of(new Contribution.Source(interest.originalStrength(), interest.currentStrength(), interest.lastSeen()))));
                    added += value;
                }
            }
            result.add(new ScoreBreakdown(base.get(t).score() + added, base.get(t).baseline(), parts));
        }
        return result;
    }

    private static double similarity(ContentNeighbours.Row row, int target) {
        for (int e = 0; e < row.items().length; e++) {
            if (row.items()[e] == target) {
                return row.similarities()[e];
            }
        }
        return 0;
    }

    /** The user's strongest item interests: those the profile's co-occurrence part spreads too. */
    private List<Interest<ItemId>> strongest(InterestProfile user, Instant asOf) {
        return user.topItems(asOf, profile.settings().profileItems());
    }

    private static double max(double[] part) {
        double max = 0;
        for (double x : part) {
            max = Math.max(max, x);
        }
        return max;
    }

    /** Σ over the {@code interests} j of strength(j) · similarity(j, i), unscaled. */
    private double[] contentPart(List<Interest<ItemId>> interests, int n) {
        double[] part = new double[n];
        Catalogue catalogue = profile.catalogue();
        for (Interest<ItemId> interest : interests) {
            OptionalInt j = catalogue.indexOf(interest.key());
            if (j.isEmpty()) {
                continue;
            }
            ContentNeighbours.Row row = neighbours.row(j.getAsInt());
            double strength = interest.currentStrength();
            for (int e = 0; e < row.items().length; e++) {
                if (row.items()[e] < n) {
                    part[row.items()[e]] += strength * row.similarities()[e];
                }
            }
        }
        return part;
    }
}
