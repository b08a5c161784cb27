package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.forgetting.ForgettingCurveFitter;
import dev.lethe.domain.forgetting.PowerLawCurve;
import dev.lethe.domain.forgetting.ReengagementLevel;
import dev.lethe.domain.forgetting.Reengagements;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.Contribution;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.FittedParameters;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoreBreakdown;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Ranks the catalogue from a user's decayed interest profile as of the moment of scoring: items that
 * co-occurred (within a few steps of other users' sequences) with what the user is still interested
 * in, items that followed the user's most recent item, items in the categories the user still cares
 * about, and a time-decayed popularity prior, each normalised to [0, 1] and mixed with the weights of
 * its {@link Settings} (defaults, or fitted per tenant on validation by {@link ProfileTuning}). Only the scoring context's history and training
 * behaviours strictly before {@code asOf} are used: co-occurrences count from the moment their later
 * behaviour happened. Immutable after fitting; safe for concurrent scoring.
 */
public final class ProfileRecommender implements Recommender, FittedParameters {

    /**
     * Which way a co-occurrence counts: {@code SYMMETRIC} (X then Y counts for both X and Y) or
     * {@code FORWARD} ("after X came Y": it counts for X only, pointing at Y).
     */
    public enum Direction { SYMMETRIC, FORWARD }

    /**
     * How the recommender ranks; docs/tuning.md gives the range {@link ProfileTuning} searches for each.
     *
     * @param profileCurve how the user's interests fade
     * @param popularityCurve how the popularity prior fades
     * @param window behaviours at most this many steps apart in a user's sequence co-occur
     * @param profileItems how many of the user's strongest item interests drive co-occurrence
     * @param cooccurrenceWeight weight of the co-occurrence score
     * @param categoryWeight weight of category affinity × popularity
     * @param popularityWeight weight of decayed popularity
     * @param direction which way a co-occurrence counts
     * @param distanceWeighted whether a pair {@code d} steps apart counts {@code window − d + 1} times (the next item most)
     *                         instead of once
     * @param lastItemWeight weight of the co-occurrences of the user's most recent item alone ("after X came Y", X the last item)
     */
    public record Settings(ForgettingCurve profileCurve, ForgettingCurve popularityCurve, BehaviorWeights weights, int window,
            int profileItems, double cooccurrenceWeight, double categoryWeight, double popularityWeight, Direction direction,
            boolean distanceWeighted, double lastItemWeight) {
        public Settings {
            Objects.requireNonNull(profileCurve, "profileCurve");
            Objects.requireNonNull(popularityCurve, "popularityCurve");
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(direction, "direction");
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1, got: " + window);
            }
            if (profileItems < 1) {
                throw new IllegalArgumentException("profileItems must be at least 1, got: " + profileItems);
            }
            if (!(cooccurrenceWeight >= 0) || !(categoryWeight >= 0) || !(popularityWeight >= 0) || !(lastItemWeight >= 0)
                    || !(cooccurrenceWeight + categoryWeight + popularityWeight + lastItemWeight > 0)) {
                throw new IllegalArgumentException(
                        "cooccurrenceWeight, categoryWeight, popularityWeight and lastItemWeight must be non-negative and not all 0");
            }
        }

        /** Settings with symmetric, unweighted co-occurrence and no last-item score (what the profile ranked with before they existed). */
        public Settings(ForgettingCurve profileCurve, ForgettingCurve popularityCurve, BehaviorWeights weights, int window,
                int profileItems, double cooccurrenceWeight, double categoryWeight, double popularityWeight) {
            this(profileCurve, popularityCurve, weights, window, profileItems, cooccurrenceWeight, categoryWeight, popularityWeight,
                    Direction.SYMMETRIC, false, 0.0);
        }

        /**
         * The defaults chosen on ml-latest-small's validation cases (see docs/forgetting-model.md): the
         * profile curve is the power law that site's category returns fit, which {@link #trainer} replaces
         * by the tenant's own fitted curve; popularity fades with a 30-day half-life and weighs little.
         * {@link ProfileTuning} starts from them, so an untuned profile ranks as it always did.
         */
        public static Settings defaults(BehaviorWeights weights) {
            return new Settings(new PowerLawCurve(1.0, 10), ExponentialCurve.ofDays(30), weights, 5, 50, 1.0, 0.2, 0.05);
        }

        /** These settings with another profile curve (e.g. the tenant's fitted one). */
        public Settings withProfileCurve(ForgettingCurve curve) {
            return new Settings(curve, popularityCurve, weights, window, profileItems, cooccurrenceWeight, categoryWeight, popularityWeight,
                    direction, distanceWeighted, lastItemWeight);
        }

        /** These settings with other component weights. */
        public Settings withWeights(double cooccurrence, double category, double popularity, double lastItem) {
            return new Settings(profileCurve, popularityCurve, weights, window, profileItems, cooccurrence, category, popularity,
                    direction, distanceWeighted, lastItem);
        }

        /** The settings as numbers under stable names (curves by half-life in days; direction forward = 1, distance weighted = 1). */
        public Map<String, Double> parameters() {
            Map<String, Double> p = new java.util.LinkedHashMap<>();
            p.put("profileHalfLifeDays", profileCurve.halfLifeSeconds() / 86_400);
            p.put("popularityHalfLifeDays", popularityCurve.halfLifeSeconds() / 86_400);
            p.put("window", (double) window);
            p.put("profileItems", (double) profileItems);
            p.put("cooccurrenceWeight", cooccurrenceWeight);
            p.put("lastItemWeight", lastItemWeight);
            p.put("categoryWeight", categoryWeight);
            p.put("popularityWeight", popularityWeight);
            p.put("forward", direction == Direction.FORWARD ? 1.0 : 0.0);
            p.put("distanceWeighted", distanceWeighted ? 1.0 : 0.0);
            return p;
        }

        /** The settings that shape the co-occurrence counts: two settings with the same key count the same pairs. */
        Object cooccurrenceKey() {
            return List.of(window, direction, distanceWeighted);
        }
    }

    private final String name;
    private final Catalogue catalogue;
    private final Settings settings;
    private final DecayKernel kernel;
    private final Map<UserId, DecayKernel> userKernels;
    private final CategoryIndex categories;
    private final Neighbours neighbours;
    private final Recommender popularity;
    /** Per category index, the catalogue indexes of its items, ascending: the category part visits only the user's categories. */
    private final int[][] members;
    /** Per catalogue index, 1 / its number of categories (0 for none): the category part averages over an item's categories. */
    private final double[] inverseCategoryCount;

    private ProfileRecommender(String name, Catalogue catalogue, Settings settings, CategoryIndex categories, Neighbours neighbours,
            Recommender popularity, Map<UserId, DecayKernel> userKernels) {
        this.name = name;
        this.catalogue = catalogue;
        this.settings = settings;
        this.kernel = DecayKernel.of(settings.profileCurve());
        this.userKernels = Map.copyOf(userKernels);
        this.categories = categories;
        this.neighbours = neighbours;
        this.popularity = popularity;
        int[][] itemCategories = categories.itemCategories();
        int[] sizes = new int[categories.index().size()];
        inverseCategoryCount = new double[itemCategories.length];
        for (int i = 0; i < itemCategories.length; i++) {
            for (int c : itemCategories[i]) {
                sizes[c]++;
            }
            inverseCategoryCount[i] = itemCategories[i].length == 0 ? 0 : 1.0 / itemCategories[i].length;
        }
        members = new int[sizes.length][];
        for (int c = 0; c < sizes.length; c++) {
            members[c] = new int[sizes[c]];
            sizes[c] = 0;
        }
        for (int i = 0; i < itemCategories.length; i++) {
            for (int c : itemCategories[i]) {
                members[c][sizes[c]++] = i;
            }
        }
    }

    /**
     * Each catalogue item's categories as dense indices, for category affinity, and the lookup the
     * interest profile uses.
     *
     * @param categoriesOf the categories of an item; an empty set when unknown
     * @param itemCategories per catalogue index, the sorted indices of its categories
     * @param index category name to dense index
     */
    public record CategoryIndex(Function<ItemId, Set<String>> categoriesOf, int[][] itemCategories, Map<String, Integer> index) {
        public CategoryIndex {
            Objects.requireNonNull(categoriesOf, "categoriesOf");
            Objects.requireNonNull(itemCategories, "itemCategories");
            index = Map.copyOf(index);
        }

        /** The index of {@code catalogue}'s items under {@code categoriesOf}. */
        public static CategoryIndex of(Catalogue catalogue, Function<ItemId, Set<String>> categoriesOf) {
            Objects.requireNonNull(categoriesOf, "categoriesOf");
            int n = catalogue.size();
            Map<String, Integer> index = new HashMap<>();
            int[][] itemCategories = new int[n][];
            for (int i = 0; i < n; i++) {
                Set<String> cats = categoriesOf.apply(catalogue.item(i));
                itemCategories[i] = cats.stream().sorted().mapToInt(c -> index.computeIfAbsent(c, k -> index.size())).toArray();
            }
            return new CategoryIndex(categoriesOf, itemCategories, index);
        }
    }

    /**
     * A recommender for serving: co-occurrence frozen in {@code neighbours} (counted up to their training
     * moment), {@code popularity} and {@code categories} kept up to date by the caller. Items of
     * {@code catalogue} beyond the neighbours' catalogue have no co-occurrences yet.
     */
    public static ProfileRecommender serving(String name, Catalogue catalogue, Settings settings, CompactNeighbours neighbours,
            Recommender popularity, CategoryIndex categories) {
        if (popularity.catalogue().size() != catalogue.size() || categories.itemCategories().length != catalogue.size()) {
            throw new IllegalArgumentException("popularity and categories must cover the catalogue of " + catalogue.size() + " items");
        }
        if (neighbours.items() > catalogue.size()) {
            throw new IllegalArgumentException("neighbours cover " + neighbours.items() + " items, more than the catalogue's " + catalogue.size());
        }
        return new ProfileRecommender(name, catalogue, settings, categories, neighbours, popularity, Map.of());
    }

    /**
     * The co-occurrences known as of the last fitted behaviour, each item's {@code maxNeighbours}
     * strongest kept (ties by index); shares stay relative to the full totals. What training stores
     * for serving: its size is bounded by the catalogue, not by the number of behaviours.
     */
    public CompactNeighbours compactNeighbours(int maxNeighbours) {
        if (!(neighbours instanceof TimedNeighbours timed)) {
            return (CompactNeighbours) neighbours;
        }
        return timed.collapse(maxNeighbours);
    }

    /** The popularity prior this recommender scores with. */
    public Recommender popularity() {
        return popularity;
    }

    /**
     * Fits on {@code events} (behaviours on items outside {@code catalogue} are ignored).
     *
     * @param categoriesOf the categories of an item; an empty set when unknown
     */
    public static ProfileRecommender fit(String name, Catalogue catalogue, List<Behavior> events, Function<ItemId, Set<String>> categoriesOf,
            Settings settings) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(categoriesOf, "categoriesOf");
        Objects.requireNonNull(settings, "settings");
        List<Behavior> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Behavior::occurredAt));
        TimedNeighbours neighbours = cooccurrences(catalogue, sorted, settings);
        DecayedPopularity popularity = DecayedPopularity.fit(name + "-popularity", catalogue, Optional.of(settings.popularityCurve()), sorted);
        return new ProfileRecommender(name, catalogue, settings, CategoryIndex.of(catalogue, categoriesOf), neighbours, popularity, Map.of());
    }

    /**
     * The pairs of each user's sequence at most {@code settings.window()} steps apart, each known from
     * the moment of its later behaviour: both ways, or only from the earlier item to the later one, once
     * or {@code window − distance + 1} times.
     */
    private static TimedNeighbours cooccurrences(Catalogue catalogue, List<Behavior> sorted, Settings settings) {
        int n = catalogue.size();
        long[] eventTimes = new long[sorted.size()];
        int m = 0;
        Map<UserId, List<int[]>> sequences = new HashMap<>();
        for (Behavior b : sorted) {
            OptionalInt index = catalogue.indexOf(b.itemId());
            if (index.isPresent()) {
                eventTimes[m] = b.occurredAt().toEpochMilli();
                sequences.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(new int[] {index.getAsInt(), m});
                m++;
            }
        }
        PairLists pairs = new PairLists(n);
        int window = settings.window();
        boolean symmetric = settings.direction() == Direction.SYMMETRIC;
        for (List<int[]> sequence : sequences.values()) {
            for (int q = 0; q < sequence.size(); q++) {
                int later = sequence.get(q)[0];
                long known = eventTimes[sequence.get(q)[1]];
                for (int p = Math.max(0, q - window); p < q; p++) {
                    int earlier = sequence.get(p)[0];
                    if (earlier != later) {
                        int copies = settings.distanceWeighted() ? window - (q - p) + 1 : 1;
                        for (int c = 0; c < copies; c++) {
                            pairs.add(earlier, later, known);
                            if (symmetric) {
                                pairs.add(later, earlier, known);
                            }
                        }
                    }
                }
            }
        }
        return pairs.finish();
    }

    /** The co-occurrences of {@code sorted} (in time order) as {@code settings} count them; what {@link #fit} counts. */
    static Neighbours countCooccurrences(Catalogue catalogue, List<Behavior> sorted, Settings settings) {
        return cooccurrences(catalogue, sorted, settings);
    }

    /**
     * This recommender's catalogue and categories ranked with {@code other} settings over already counted
     * {@code counted} co-occurrences and {@code prior} popularity, which must be what {@link #fit} would
     * count for {@code other}: lets a settings search reuse them between trials.
     */
    ProfileRecommender with(Settings other, Neighbours counted, Recommender prior) {
        return new ProfileRecommender(name, catalogue, other, categories, counted, prior, Map.of());
    }

    /** The co-occurrence counts this recommender ranks with. */
    Neighbours neighbours() {
        return neighbours;
    }

    /** This recommender under another name. */
    ProfileRecommender named(String newName) {
        return new ProfileRecommender(newName, catalogue, settings, categories, neighbours, popularity, userKernels);
    }

    /**
     * A trainer named {@code profile}: fits the forgetting curve of the training behaviours (returns to
     * categories when any item has one, else to items), uses it as the profile curve (keeping
     * {@code settings.profileCurve()} when there are too few returns to fit), then counts co-occurrences.
     */
    public static ModelTrainer trainer(Function<ItemId, Set<String>> categoriesOf, Settings settings) {
        Objects.requireNonNull(categoriesOf, "categoriesOf");
        Objects.requireNonNull(settings, "settings");
        return new ModelTrainer() {
            @Override
            public String name() {
                return "profile";
            }

            @Override
            public Recommender train(TrainingData data, TrainingListener listener) {
                listener.progress("forgetting curve", 0, 2, "fitting");
                ForgettingCurve curve = fittedCurve(data, categoriesOf).orElse(settings.profileCurve());
                listener.progress("co-occurrence", 1, 2, "profile curve " + curve);
                ProfileRecommender model = fit("profile", data.catalogue(), data.events(), categoriesOf, settings.withProfileCurve(curve));
                listener.progress("co-occurrence", 2, 2, "done");
                return model;
            }
        };
    }

    static java.util.Optional<ForgettingCurve> fittedCurve(TrainingData data, Function<ItemId, Set<String>> categoriesOf) {
        Map<ItemId, Set<String>> categories = new HashMap<>();
        for (ItemId item : data.catalogue().items()) {
            Set<String> cats = categoriesOf.apply(item);
            if (!cats.isEmpty()) {
                categories.put(item, cats);
            }
        }
        ReengagementLevel level = categories.isEmpty() ? ReengagementLevel.ITEM : ReengagementLevel.CATEGORY;
        // Only the curve is needed here: no bootstrap.
        ForgettingCurveFitter fitter = new ForgettingCurveFitter(new ForgettingCurveFitter.Options(
                java.util.EnumSet.allOf(dev.lethe.domain.forgetting.CurveFamily.class), 0.2, 42, 20));
        return fitter.fit(Reengagements.of(data.events(), categories, level)).map(f -> f.curve());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    /**
     * This recommender with per-user profile curves (e.g. {@link dev.lethe.domain.forgetting.CurveFitReport#users()}'s
     * shrunk curves); users without one keep {@code settings.profileCurve()}.
     */
    public ProfileRecommender withUserCurves(Map<UserId, ForgettingCurve> curves) {
        Map<ForgettingCurve, DecayKernel> kernels = new HashMap<>();
        Map<UserId, DecayKernel> byUser = new HashMap<>();
        curves.forEach((user, curve) -> byUser.put(user, kernels.computeIfAbsent(curve, DecayKernel::of)));
        return new ProfileRecommender(name, catalogue, settings, categories, neighbours, popularity, byUser);
    }

    /** The settings this recommender ranks with. */
    public Settings settings() {
        return settings;
    }

    @Override
    public Map<String, Double> fittedParameters() {
        return settings.parameters();
    }

    /** The user's decayed interest profile built from {@code context}'s history, read as of {@code context.asOf()} only. */
    public InterestProfile profile(ScoringContext context) {
        return InterestProfile.asOf(context.userId(), context.history(), userKernels.getOrDefault(context.userId(), kernel),
                settings.weights(), categories.categoriesOf(), context.asOf());
    }

    @Override
    public void score(ScoringContext context, double[] scores) {
        score(context, profile(context), scores);
    }

    /** {@link #score} with the user's profile already built from {@code context} ({@link #profile}), for callers that read it too. */
    public void score(ScoringContext context, InterestProfile profile, double[] scores) {
        int n = catalogue.size();
        Arrays.fill(scores, 0, n, 0.0);
        long asOf = context.asOf().toEpochMilli();
        double[] part = new double[n];
        if (settings.cooccurrenceWeight() > 0) {
            cooccurrence(profile, context.asOf(), asOf, part);
            addNormalised(part, settings.cooccurrenceWeight(), scores, n);
        }
        if (settings.lastItemWeight() > 0 && !context.history().isEmpty()) {
            Arrays.fill(part, 0.0);
            OptionalInt last = catalogue.indexOf(context.history().get(context.history().size() - 1).itemId());
            if (last.isPresent() && last.getAsInt() < neighbours.items()) {
                neighbours.spread(last.getAsInt(), asOf, 1.0, part);
                addNormalised(part, settings.lastItemWeight(), scores, n);
            }
        }
        double[] popularity = new double[n];
        if (settings.popularityWeight() > 0 || settings.categoryWeight() > 0) {
            this.popularity.score(context, popularity);
        }
        if (settings.categoryWeight() > 0) {
            Arrays.fill(part, 0.0);
            categoryPart(categoryAffinity(profile, context.asOf()), popularity, part, n);
            addNormalised(part, settings.categoryWeight(), scores, n);
        }
        if (settings.popularityWeight() > 0) {
            addNormalised(popularity, settings.popularityWeight(), scores, n);
        }
    }

    /** Σ over the strongest item interests j of strength(j) · share of j's co-occurrences (as of now) that were with i. */
    private void cooccurrence(InterestProfile profile, Instant asOfInstant, long asOf, double[] out) {
        List<Interest<ItemId>> interests = profile.topItems(asOfInstant, settings.profileItems());
        for (Interest<ItemId> interest : interests) {
            OptionalInt index = catalogue.indexOf(interest.key());
            if (index.isPresent() && index.getAsInt() < neighbours.items()) {
                neighbours.spread(index.getAsInt(), asOf, interest.currentStrength(), out);
            }
        }
    }

    /**
     * The score's parts, as {@link #score} adds them: per interest item the user still has among the
     * {@code profileItems} strongest, its co-occurrence share with the candidate ({@code co-occurrence},
     * naming the user's item); per category of the candidate, the user's affinity to it times the
     * candidate's popularity ({@code category}); and the popularity prior ({@code popularity}). Each part
     * carries the weight and normalisation {@link #score} applies, so they add up to the score.
     */
    @Override
    public List<ScoreBreakdown> explain(ScoringContext context, int[] items) {
        int n = catalogue.size();
        Instant asOf = context.asOf();
        double[] scores = new double[n];
        score(context, scores);
        InterestProfile profile = profile(context);
        double[] part = new double[n];
        double cooccurrenceFactor = 0;
        if (settings.cooccurrenceWeight() > 0) {
            cooccurrence(profile, asOf, asOf.toEpochMilli(), part);
            cooccurrenceFactor = factor(part, settings.cooccurrenceWeight(), n);
        }
        double[] popularity = new double[n];
        if (settings.popularityWeight() > 0 || settings.categoryWeight() > 0) {
            this.popularity.score(context, popularity);
        }
        double[] affinity = categoryAffinity(profile, asOf);
        double categoryFactor = 0;
        if (settings.categoryWeight() > 0) {
            Arrays.fill(part, 0.0);
            categoryPart(affinity, popularity, part, n);
            categoryFactor = factor(part, settings.categoryWeight(), n);
        }
        double popularityFactor = settings.popularityWeight() > 0 ? factor(popularity, settings.popularityWeight(), n) : 0;
        // The last item's own co-occurrences (a tuned setting): scaled as score scales them.
        int lastItem = -1;
        double lastFactor = 0;
        if (settings.lastItemWeight() > 0 && !context.history().isEmpty()) {
            OptionalInt last = catalogue.indexOf(context.history().get(context.history().size() - 1).itemId());
            if (last.isPresent() && last.getAsInt() < neighbours.items()) {
                lastItem = last.getAsInt();
                Arrays.fill(part, 0.0);
                neighbours.spread(lastItem, asOf.toEpochMilli(), 1.0, part);
                lastFactor = factor(part, settings.lastItemWeight(), n);
            }
        }
        String[] categoryNames = new String[affinity.length];
        categories.index().forEach((name, c) -> categoryNames[c] = name);
        List<Interest<ItemId>> interests = profile.topItems(asOf, settings.profileItems());
        List<ScoreBreakdown> result = new ArrayList<>(items.length);
        for (int target : items) {
            List<Contribution> parts = new ArrayList<>();
            for (Interest<ItemId> interest : cooccurrenceFactor > 0 ? interests : List.<Interest<ItemId>>of()) {
                OptionalInt j = catalogue.indexOf(interest.key());
                double share = j.isPresent() && j.getAsInt() < neighbours.items() ? neighbours.share(j.getAsInt(), target, asOf.toEpochMilli()) : 0;
                if (share > 0) {
                    parts.add(new Contribution(Contribution.Kind.COOCCURRENCE, Optional.of(interest.key().value()),
                            cooccurrenceFactor * interest.currentStrength() * share, Optional.of(source(interest))));
                }
            }
            int[] cats = categories.itemCategories()[target];
            for (int c : categoryFactor > 0 ? cats : new int[0]) {
                double value = categoryFactor * affinity[c] / cats.length * popularity[target];
                Optional<Interest<String>> interest = profile.category(categoryNames[c], asOf);
                if (value > 0 && interest.isPresent()) {
                    parts.add(new Contribution(Contribution.Kind.CATEGORY, Optional.of(categoryNames[c]), value, Optional.of(source(interest.get()))));
                }
            }
            double lastShare = lastFactor > 0 ? neighbours.share(lastItem, target, asOf.toEpochMilli()) : 0;
            if (lastShare > 0) {
                ItemId lastId = catalogue.item(lastItem);
                parts.add(new Contribution(Contribution.Kind.COOCCURRENCE, Optional.of(lastId.value()), lastFactor * lastShare,
                        profile.item(lastId, asOf).map(ProfileRecommender::source)));
            }
            if (popularityFactor * popularity[target] > 0) {
                parts.add(Contribution.of(Contribution.Kind.POPULARITY, Optional.empty(), popularityFactor * popularity[target]));
            }
            result.add(new ScoreBreakdown(scores[target], 0, parts));
        }
        return result;
    }

    private static Contribution.Source source(Interest<?> interest) {
        return new Contribution.Source(interest.originalStrength(), interest.currentStrength(), interest.lastSeen());
    }

    /**
     * Each item's mean affinity over its categories times its popularity ({@code part} starts at 0): summed
     * over the members of the categories the user has an affinity to, then one pass for the popularity.
     */
    private void categoryPart(double[] affinity, double[] popularity, double[] part, int n) {
        boolean any = false;
        for (int c = 0; c < affinity.length; c++) {
            double a = affinity[c];
            if (a > 0) {
                any = true;
                for (int i : members[c]) {
                    part[i] += a * inverseCategoryCount[i];
                }
            }
        }
        if (any) {
            for (int i = 0; i < n; i++) {
                part[i] *= popularity[i];
            }
        }
    }

    private double[] categoryAffinity(InterestProfile profile, Instant asOf) {
        double[] affinity = new double[categories.index().size()];
        double total = 0;
        for (Map.Entry<String, Integer> c : categories.index().entrySet()) {
            double s = profile.categoryStrength(c.getKey(), asOf);
            affinity[c.getValue()] = s;
            total += s;
        }
        if (total > 0) {
            for (int c = 0; c < affinity.length; c++) {
                affinity[c] /= total;
            }
        }
        return affinity;
    }

    private static void addNormalised(double[] part, double weight, double[] scores, int n) {
        double f = factor(part, weight, n);
        if (f > 0) {
            for (int i = 0; i < n; i++) {
                scores[i] += f * part[i];
            }
        }
    }

    /** What {@code part} is multiplied by to add it with {@code weight}: weight / its largest value, 0 when none is positive. */
    private static double factor(double[] part, double weight, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, part[i]);
        }
        return max > 0 ? weight / max : 0;
    }

    /** Growable per-item lists of (neighbour, moment) pairs, turned into time-sorted arrays. */
    private static final class PairLists {
        private final int[][] items;
        private final long[][] times;
        private final int[] sizes;

        PairLists(int n) {
            items = new int[n][];
            times = new long[n][];
            sizes = new int[n];
        }

        void add(int from, int to, long at) {
            if (items[from] == null) {
                items[from] = new int[8];
                times[from] = new long[8];
            } else if (sizes[from] == items[from].length) {
                items[from] = Arrays.copyOf(items[from], sizes[from] * 2);
                times[from] = Arrays.copyOf(times[from], sizes[from] * 2);
            }
            items[from][sizes[from]] = to;
            times[from][sizes[from]] = at;
            sizes[from]++;
        }

        TimedNeighbours finish() {
            int[][] neighbours = new int[sizes.length][];
            long[][] neighbourTimes = new long[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                int size = sizes[i];
                Integer[] order = new Integer[size];
                for (int k = 0; k < size; k++) {
                    order[k] = k;
                }
                final long[] t = times[i];
                Arrays.sort(order, Comparator.comparingLong(k -> t[k]));
                neighbours[i] = new int[size];
                neighbourTimes[i] = new long[size];
                for (int k = 0; k < size; k++) {
                    neighbours[i][k] = items[i][order[k]];
                    neighbourTimes[i][k] = t[order[k]];
                }
                items[i] = null;
                times[i] = null;
            }
            return new TimedNeighbours(neighbours, neighbourTimes);
        }
    }
}
