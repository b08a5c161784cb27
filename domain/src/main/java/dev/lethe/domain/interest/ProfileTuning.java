package dev.lethe.domain.interest;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.behavior.UserId;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.forgetting.ForgettingCurve;
import dev.lethe.domain.interest.ProfileRecommender.Direction;
import dev.lethe.domain.interest.ProfileRecommender.Settings;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.EventLog;
import dev.lethe.domain.model.HalfLifeSearch;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.ValidationRanking;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A time-budgeted, seeded search over {@link Settings} by NDCG@K on the validation cases and the users'
 * latest training behaviours (each scored as of its own moment, so the models fitted on the training
 * behaviours count nothing from it or after it). The first trials are the
 * starting settings and each component of the profile alone (co-occurrence, the last item's
 * successors, category affinity, popularity with the half-life {@code decayed-pop-fit} would choose),
 * whatever the budget; then random settings from the ranges below and perturbations of the best so
 * far until the budget or the trial limit is spent. The winner is the best trial, so the tuned profile
 * never scores below one of its own components on validation: where a component wins, the profile
 * falls back to that component's settings. Ranges (docs/tuning.md): window 1–10, profile items 5–200
 * (log-uniform), each weight 0 or 0.01–1 (log-uniform), direction symmetric or forward, distance
 * weighting on or off, popularity half-life and exponential profile half-life from
 * {@link HalfLifeSearch#gridDays()} (up to 365 days for the profile), or the fitted or given curve.
 */
public final class ProfileTuning {
    /** Smallest and largest window searched. */
    public static final int MIN_WINDOW = 1;
    public static final int MAX_WINDOW = 10;
    /** Smallest and largest number of profile items searched. */
    public static final int MIN_PROFILE_ITEMS = 5;
    public static final int MAX_PROFILE_ITEMS = 200;
    /** Smallest non-zero weight searched; the largest is 1 (only ratios of weights matter). */
    public static final double MIN_WEIGHT = 0.01;
    /** Longest exponential profile half-life searched, in days. */
    public static final double MAX_PROFILE_HALF_LIFE_DAYS = 365;
    /** Chance that a randomly drawn weight is exactly 0 (the component is off). */
    private static final double OFF = 0.25;
    /** Weight of popularity in the last-item component trial: breaks ties among items with no successor count, as markov does. */
    private static final double TIE_BREAK = 1e-6;
    /** The defaults and the four components alone: the trials that always run. */
    public static final int COMPONENT_TRIALS = 5;
    /** Fitted co-occurrence counts and popularity priors kept between trials. */
    private static final int CACHE = 6;

    private ProfileTuning() {}

    /**
     * How long and how wide to search.
     *
     * @param budget wall-clock time for the trials after the component trials (which always run)
     * @param seed the random search's seed: the same seed on the same data tries the same settings
     * @param maxTrials the search stops after this many trials, the {@value ProfileTuning#COMPONENT_TRIALS} component trials included
     * @param k the cut-off of the NDCG that ranks trials
     * @param maxValidationCases at most this many validation cases score each trial (spread evenly over them)
     * @param casesPerUser besides each user's validation case, up to this many of the user's latest training
     *                     behaviours are cases too, each scored as of its moment (the models count only what came
     *                     before it, so it is unseen there): more cases, less overfitting to one case per user
     */
    public record Options(Duration budget, long seed, int maxTrials, int k, int maxValidationCases, int casesPerUser) {
        /** Validation cases scored per trial unless told otherwise. */
        public static final int MAX_VALIDATION_CASES = 2_000;
        /** Trials at most unless told otherwise. */
        public static final int MAX_TRIALS = 200;
        /** Training behaviours per user that are cases too, unless told otherwise. */
        public static final int CASES_PER_USER = 4;

        public Options {
            Objects.requireNonNull(budget, "budget");
            if (budget.isNegative()) {
                throw new IllegalArgumentException("budget must not be negative, got: " + budget);
            }
            if (maxTrials < COMPONENT_TRIALS) {
                throw new IllegalArgumentException("maxTrials must be at least " + COMPONENT_TRIALS + " (the defaults and each component alone), got: "
                        + maxTrials);
            }
            if (k < 1) {
                throw new IllegalArgumentException("k must be positive, got: " + k);
            }
            if (maxValidationCases < 1) {
                throw new IllegalArgumentException("maxValidationCases must be at least 1, got: " + maxValidationCases);
            }
            if (casesPerUser < 0) {
                throw new IllegalArgumentException("casesPerUser must not be negative, got: " + casesPerUser);
            }
        }

        /** {@code budget}, {@code seed} and {@code maxTrials}, NDCG@{@code k}, the default cases. */
        public static Options of(Duration budget, long seed, int maxTrials, int k) {
            return new Options(budget, seed, maxTrials, k, MAX_VALIDATION_CASES, CASES_PER_USER);
        }
    }

    /** One evaluated setting: where it came from, its validation NDCG@K and how long fitting and scoring it took. */
    public record Trial(int number, String origin, Settings settings, double validationNdcg, Duration took) {
        public Trial {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(took, "took");
        }
    }

    /**
     * The search: every trial in order, the index of the winner, and the winner fitted.
     *
     * @param validationCases how many validation cases scored each trial
     */
    public record Result(List<Trial> trials, int best, int k, int validationCases, Duration elapsed, ProfileRecommender model) {
        public Result {
            trials = List.copyOf(trials);
            if (best < 0 || best >= trials.size()) {
                throw new IllegalArgumentException("best must index a trial, got: " + best + " of " + trials.size());
            }
            Objects.requireNonNull(model, "model");
        }

        /** The winning trial. */
        public Trial winner() {
            return trials.get(best);
        }

        /** The first trial: the starting settings (the defaults). */
        public Trial start() {
            return trials.get(0);
        }

        /**
         * The search as flat metrics, for a model version's registry entry: {@code tune.trials},
         * {@code tune.best_trial}, {@code tune.best.validation_ndcg@K}, {@code tune.defaults.validation_ndcg@K},
         * {@code tune.seconds}, and for every trial {@code tune.trial.NNN.validation_ndcg@K} and
         * {@code tune.trial.NNN.<setting>} (the names of {@link Settings#parameters()}).
         */
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            String ndcg = "validation_ndcg@" + k;
            m.put("tune.trials", (double) trials.size());
            m.put("tune.best_trial", (double) winner().number());
            m.put("tune.best." + ndcg, winner().validationNdcg());
            m.put("tune.defaults." + ndcg, start().validationNdcg());
            m.put("tune.validation_cases", (double) validationCases);
            m.put("tune.seconds", elapsed.toMillis() / 1000.0);
            winner().settings().parameters().forEach((name, value) -> m.put("tune.best." + name, value));
            for (Trial t : trials) {
                String prefix = String.format(Locale.ROOT, "tune.trial.%03d.", t.number());
                m.put(prefix + ndcg, t.validationNdcg());
                t.settings().parameters().forEach((name, value) -> m.put(prefix + name, value));
            }
            return m;
        }
    }

    /**
     * Searches settings for {@code data} from {@code start} (its profile curve is one of the candidate
     * curves, with {@code alternative} when present, e.g. the tenant's selected curve), timing the budget with {@code clock}; progress goes
     * to {@code listener} after every trial (phase {@code tuning}, seconds spent of the budget).
     */
    public static Result tune(TrainingData data, Function<ItemId, Set<String>> categoriesOf, Settings start,
                              Optional<ForgettingCurve> alternative, Options options, Clock clock, TrainingListener listener) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(categoriesOf, "categoriesOf");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(clock, "clock");
        Search search = new Search(data, categoriesOf, start, alternative, options, clock, listener);
        return search.run();
    }

    /**
     * A trainer called {@code name}: fits the training behaviours' forgetting curve as
     * {@link ProfileRecommender#trainer} does, searches from {@code start} with that curve (keeping
     * {@code start}'s own curve as a candidate), then fits the
     * winning settings on the training and validation behaviours (the past at test time, as the
     * baselines use it) and hands the search to {@code onResult}.
     */
    public static ModelTrainer trainer(String name, Function<ItemId, Set<String>> categoriesOf, Settings start, Options options,
                                       Clock clock, Consumer<Result> onResult) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onResult, "onResult");
        return new ModelTrainer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Recommender train(TrainingData data, TrainingListener listener) {
                Optional<ForgettingCurve> fitted = ProfileRecommender.fittedCurve(data, categoriesOf);
                Result result = tune(data, categoriesOf, fitted.map(start::withProfileCurve).orElse(start), Optional.of(start.profileCurve()),
                        options, clock, listener);
                onResult.accept(result);
                return ProfileRecommender.fit(name, data.catalogue(), data.known(), categoriesOf, result.winner().settings());
            }
        };
    }

    /** Mean NDCG@k of {@code model} over {@code cases}, scored in parallel. */
    static double validationNdcg(Recommender model, List<ValidationCase> cases, int k) {
        Catalogue catalogue = model.catalogue();
        return IntStream.range(0, cases.size()).parallel().mapToDouble(i -> {
            ValidationCase c = cases.get(i);
            double[] scores = new double[catalogue.size()];
            model.score(c.context(), scores);
            return ValidationRanking.ndcg(scores, ValidationRanking.target(catalogue, c),
                    ValidationRanking.consumed(catalogue, c.context().history()), k);
        }).sum() / Math.max(1, cases.size());
    }

    private static final class Search {
        private final TrainingData data;
        private final Settings start;
        private final Options options;
        private final Clock clock;
        private final TrainingListener listener;
        private final List<Behavior> sorted;
        private final List<ValidationCase> cases;
        private final List<ForgettingCurve> curves = new ArrayList<>();
        private final double[] grid = HalfLifeSearch.gridDays();
        private final SplittableRandom random;
        private final ProfileRecommender base;
        private final Map<Object, Neighbours> counted = lru();
        private final Map<ForgettingCurve, Recommender> priors = lru();
        private final List<Trial> trials = new ArrayList<>();
        private final Set<Settings> tried = new HashSet<>();
        private final long startMillis;
        private int best = -1;
        private ProfileRecommender bestModel;

        Search(TrainingData data, Function<ItemId, Set<String>> categoriesOf, Settings start, Optional<ForgettingCurve> alternative,
               Options options, Clock clock, TrainingListener listener) {
            this.data = data;
            this.start = start;
            this.options = options;
            this.clock = clock;
            this.listener = listener;
            this.startMillis = clock.millis();
            this.random = new SplittableRandom(options.seed());
            this.sorted = new ArrayList<>(data.events());
            sorted.sort(Comparator.comparing(Behavior::occurredAt));
            this.cases = spread(cases(data.validation(), sorted, options.casesPerUser()), options.maxValidationCases());
            curves.add(start.profileCurve());
            alternative.filter(c -> !c.equals(start.profileCurve())).ifPresent(curves::add);
            this.base = ProfileRecommender.fit("profile", data.catalogue(), sorted, categoriesOf, start);
            counted.put(start.cooccurrenceKey(), base.neighbours());
            priors.put(start.popularityCurve(), base.popularity());
        }

        Result run() {
            trial("defaults", start);
            trial("component: co-occurrence", start.withWeights(1, 0, 0, 0));
            trial("component: last item's successors", new Settings(start.profileCurve(), start.popularityCurve(), start.weights(), 1,
                    start.profileItems(), 0, 0, TIE_BREAK, Direction.FORWARD, false, 1));
            trial("component: category", start.withWeights(0, 1, 0, 0));
            double halfLife = new HalfLifeSearch(options.k()).bestHalfLifeDays(EventLog.of(data.catalogue(), sorted), cases, TrainingListener.SILENT);
            trial("component: popularity", withPopularity(start.withWeights(0, 0, 1, 0), ExponentialCurve.ofDays(halfLife)));
            int misses = 0;
            while (trials.size() < options.maxTrials() && clock.millis() - startMillis < options.budget().toMillis() && misses < 1_000) {
                boolean refine = trials.size() >= 15 && random.nextBoolean();
                Settings next = refine ? perturb(trials.get(best).settings()) : draw();
                if (tried.contains(next)) {
                    misses++;
                    continue;
                }
                trial(refine ? "refine trial " + trials.get(best).number() : "random", next);
            }
            return new Result(trials, best, options.k(), cases.size(), Duration.ofMillis(clock.millis() - startMillis), bestModel);
        }

        private void trial(String origin, Settings settings) {
            if (!tried.add(settings)) {
                return;
            }
            long begin = clock.millis();
            Neighbours neighbours = counted.computeIfAbsent(settings.cooccurrenceKey(),
                    key -> ProfileRecommender.countCooccurrences(data.catalogue(), sorted, settings));
            Recommender prior = priors.computeIfAbsent(settings.popularityCurve(),
                    curve -> DecayedPopularity.fit("profile-popularity", data.catalogue(), Optional.of(curve), sorted));
            ProfileRecommender model = base.with(settings, neighbours, prior);
            double ndcg = validationNdcg(model, cases, options.k());
            Trial trial = new Trial(trials.size(), origin, settings, ndcg, Duration.ofMillis(clock.millis() - begin));
            trials.add(trial);
            if (best < 0 || ndcg > trials.get(best).validationNdcg()) {
                best = trial.number();
                bestModel = model;
            }
            long spent = (clock.millis() - startMillis) / 1000;
            listener.metric("tune-validation-ndcg@" + options.k(), trial.number(), ndcg);
            listener.progress("tuning", Math.min(spent, options.budget().toSeconds()), Math.max(1, options.budget().toSeconds()),
                    String.format(Locale.ROOT, "trial %d (%s): NDCG@%d %.4f; best %.4f (trial %d)", trial.number(), origin, options.k(), ndcg,
                            trials.get(best).validationNdcg(), best));
        }

        private Settings draw() {
            double[] w;
            do {
                w = new double[] {weight(), weight(), weight(), weight()};
            } while (w[0] + w[1] + w[2] + w[3] == 0);
            return new Settings(curve(), ExponentialCurve.ofDays(grid[random.nextInt(grid.length)]), start.weights(),
                    random.nextInt(MIN_WINDOW, MAX_WINDOW + 1), profileItems(), w[0], w[1], w[2],
                    random.nextBoolean() ? Direction.SYMMETRIC : Direction.FORWARD, random.nextBoolean(), w[3]);
        }

        /** {@code s} with one or two of its settings drawn again. */
        private Settings perturb(Settings s) {
            Settings d = draw();
            int changes = 1 + random.nextInt(2);
            ForgettingCurve profile = s.profileCurve();
            ForgettingCurve popularity = s.popularityCurve();
            int window = s.window();
            int items = s.profileItems();
            double co = s.cooccurrenceWeight();
            double cat = s.categoryWeight();
            double pop = s.popularityWeight();
            double last = s.lastItemWeight();
            Direction direction = s.direction();
            boolean distance = s.distanceWeighted();
            for (int c = 0; c < changes; c++) {
                switch (random.nextInt(10)) {
                    case 0 -> profile = d.profileCurve();
                    case 1 -> popularity = d.popularityCurve();
                    case 2 -> window = d.window();
                    case 3 -> items = d.profileItems();
                    case 4 -> co = d.cooccurrenceWeight();
                    case 5 -> cat = d.categoryWeight();
                    case 6 -> pop = d.popularityWeight();
                    case 7 -> last = d.lastItemWeight();
                    case 8 -> direction = d.direction();
                    default -> distance = d.distanceWeighted();
                }
            }
            if (co + cat + pop + last == 0) {
                return d;
            }
            return new Settings(profile, popularity, s.weights(), window, items, co, cat, pop, direction, distance, last);
        }

        private double weight() {
            return random.nextDouble() < OFF ? 0 : logUniform(MIN_WEIGHT, 1);
        }

        private int profileItems() {
            return (int) Math.round(logUniform(MIN_PROFILE_ITEMS, MAX_PROFILE_ITEMS));
        }

        /** The given or fitted curve half of the time, else an exponential from the grid. */
        private ForgettingCurve curve() {
            if (random.nextBoolean()) {
                return curves.get(random.nextInt(curves.size()));
            }
            int longest = 0;
            while (longest + 1 < grid.length && grid[longest + 1] <= MAX_PROFILE_HALF_LIFE_DAYS) {
                longest++;
            }
            return ExponentialCurve.ofDays(grid[random.nextInt(longest + 1)]);
        }

        private double logUniform(double low, double high) {
            return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        }

        private static Settings withPopularity(Settings s, ForgettingCurve curve) {
            return new Settings(s.profileCurve(), curve, s.weights(), s.window(), s.profileItems(), s.cooccurrenceWeight(),
                    s.categoryWeight(), s.popularityWeight(), s.direction(), s.distanceWeighted(), s.lastItemWeight());
        }

        private static <K, V> Map<K, V> lru() {
            return new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > CACHE;
                }
            };
        }

        /**
         * The validation cases, and per user their last {@code perUser} training behaviours after their first,
         * each as a case scored as of its moment with the behaviours before it as history; grouped by user.
         */
        private static List<ValidationCase> cases(List<ValidationCase> validation, List<Behavior> sorted, int perUser) {
            if (perUser == 0) {
                return validation;
            }
            Map<UserId, List<Behavior>> byUser = new LinkedHashMap<>();
            for (Behavior b : sorted) {
                byUser.computeIfAbsent(b.userId(), u -> new ArrayList<>()).add(b);
            }
            List<ValidationCase> all = new ArrayList<>();
            for (ValidationCase c : validation) {
                all.add(c);
                List<Behavior> seq = byUser.getOrDefault(c.context().userId(), List.of());
                for (int j = Math.max(1, seq.size() - perUser); j < seq.size(); j++) {
                    Behavior b = seq.get(j);
                    all.add(new ValidationCase(new ScoringContext(b.userId(), seq.subList(0, j), b.occurredAt()), b.itemId()));
                }
            }
            return all;
        }

        /** At most {@code max} of {@code all}, every (size / max)-th. */
        private static List<ValidationCase> spread(List<ValidationCase> all, int max) {
            if (all.size() <= max) {
                return all;
            }
            List<ValidationCase> kept = new ArrayList<>(max);
            for (int i = 0; i < max; i++) {
                kept.add(all.get((int) ((long) i * all.size() / max)));
            }
            return kept;
        }
    }
}
