package dev.lethe.bootstrap.evaluation;

import dev.lethe.bootstrap.dataset.Dataset;
import dev.lethe.bootstrap.dataset.DatasetFormat;
import dev.lethe.application.port.in.DiversityTradeOff;
import dev.lethe.application.port.in.EvaluationProtocol;
import dev.lethe.application.port.in.EvaluationQuery;
import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.application.service.evaluation.EvaluationService;
import dev.lethe.application.service.evaluation.ModelCatalog;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.model.DiversityReranker;
import dev.lethe.domain.content.ContentAffinity;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.interest.ProfileTuning;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.bootstrap.cli.PlainProgress;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe evaluate}: reads a dataset, runs the offline protocol of docs/benchmarks.md on every
 * requested model and writes {@code report.json}, {@code report.md} and plots into {@code --out}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Offline evaluation: full-catalogue ranking, scored as of each held-out event.")
public final class EvaluateCommand implements Callable<Integer> {
    /** Exit status for bad input (unreadable or malformed dataset, unknown model, bad option value). */
    public static final int BAD_INPUT = 2;
    /** The model {@code --tune} adds: the profile with the settings its search chose. */
    public static final String TUNED = "profile-tuned";

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "ratings.csv, u.data or a generic CSV file")
    Path dataset;

    @Option(names = "--format", required = true, description = "movielens-csv, movielens-100k or csv (user,item,timestamp[,type,value])")
    String format;

    @Option(names = "--items", description = "the items file (categories, title): movies.csv, u.item or items.csv "
            + "(item,categories[,title,...]; categories separated by |) for the format; default: that file beside --dataset, when present")
    Path items;

    @Option(names = "--protocol", defaultValue = "leave-last-out", description = "leave-last-out (default), temporal, or cold-items (the temporal cut; tests are first events on items first seen after it)")
    String protocol;

    @Option(names = "--models", split = ",", description = "comma-separated model names; default: the baselines and profile; the engine families (lstm, lstm-notime, lethe on DJL; seq-knn on the pure-Java engine) run only when named")
    List<String> models = new ArrayList<>();

    @Option(names = "--k", defaultValue = "10", description = "cut-off of the metrics (default 10)")
    int k;

    @Option(names = "--out", required = true, description = "directory for report.json, report.md and the plots")
    Path out;

    @Option(names = "--forgetting", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "fit and plot the dataset's forgetting curves (default; --no-forgetting skips it)")
    boolean forgetting;

    @Option(names = "--tenant-kind", description = "ecommerce, video or finance: the profile model's behaviour weights "
            + "(default: video for the MovieLens formats, ecommerce for csv)")
    String tenantKind;

    @Option(names = "--diversity", split = ",", paramLabel = "λ", description = "diversity weights in [0, 1], e.g. 0,0.25,0.5,0.75,1: "
            + "re-rank --diversity-model's top k by category MMR with each and report NDCG@k and intra-list diversity per weight")
    List<Double> diversity = new ArrayList<>();

    @Option(names = "--diversity-model", defaultValue = "profile", description = "the model of the --diversity trade-off (default profile)")
    String diversityModel;

    @Option(names = "--tune", paramLabel = "SECONDS", defaultValue = "0", description = "search the profile's settings on the validation "
            + "cases for this many seconds (after its component trials, which always run) and add the winner as profile-tuned, "
            + "with the trials in the report (default 0: no search)")
    int tuneSeconds;

    @Option(names = "--tune-seed", defaultValue = "1", description = "seed of the --tune search (default ${DEFAULT-VALUE})")
    long tuneSeed;

    @Option(names = "--tune-trials", defaultValue = "200", description = "at most this many --tune trials, at least 5 (default ${DEFAULT-VALUE})")
    int tuneTrials;

    @Option(names = "--quiet", description = "no progress bars")
    boolean quiet;

    private final ModelCatalog catalog;
    private final Clock clock;
    private final PrintStream console;

    /** A command over the built-in baselines only (standalone use). */
    public EvaluateCommand() {
        this(ModelCatalog.baselines(), Clock.systemUTC(), System.err);
    }

    /** A command over {@code catalog}, e.g. the baselines plus the profile and sequence models. */
    public EvaluateCommand(ModelCatalog catalog, Clock clock, PrintStream console) {
        this.catalog = catalog;
        this.clock = clock;
        this.console = console;
    }

    @Override
    public Integer call() {
        try {
            return evaluate();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            spec.commandLine().getErr().println("evaluate: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int evaluate() {
        DatasetFormat datasetFormat = DatasetFormat.parse(format);
        diversity.forEach(lambda -> DiversityReranker.requireWeight("diversity", lambda));
        EvaluationProtocol evaluationProtocol = EvaluationProtocol.parse(protocol);
        TenantKind kind = tenantKind == null
                ? (datasetFormat == DatasetFormat.CSV ? TenantKind.ECOMMERCE : TenantKind.VIDEO)
                : TenantKind.parse(tenantKind);
        console.println("Reading " + dataset + " (" + datasetFormat.wireName() + ") ...");
        Dataset data = datasetFormat.read(dataset, Optional.ofNullable(items));
        Map<ItemId, Set<String>> itemCategories = new HashMap<>();
        data.items().forEach((id, item) -> itemCategories.put(id, item.categories()));
        ModelCatalog catalog = withProfile(this.catalog, data, kind);
        List<String> names = new ArrayList<>(models.isEmpty() ? catalog.defaultModels() : models.stream().map(String::trim).toList());
        AtomicReference<ProfileTuning.Result> tuning = new AtomicReference<>();
        if (tuneSeconds < 0) {
            throw new IllegalArgumentException("tune must be a number of seconds >= 0, got: " + tuneSeconds);
        }
        // The engine's blends (lethe) build their profile as the profile models do: the tenant kind's behaviour
        // weights, and with --tune the very model profile-tuned is (one search, shared), so the blend starts from it.
        ModelTrainer blendProfile = ProfileRecommender.trainer(id -> itemCategories.getOrDefault(id, Set.of()),
                ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(kind)));
        if (tuneSeconds > 0) {
            ModelTrainer tuned = new OncePerData(ProfileTuning.trainer(TUNED, id -> itemCategories.getOrDefault(id, Set.of()),
                    ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(kind)),
                    ProfileTuning.Options.of(Duration.ofSeconds(tuneSeconds), tuneSeed, tuneTrials, k),
                    clock, tuning::set));
            catalog = catalog.with(List.of(tuned));
            blendProfile = tuned;
            if (!names.contains(TUNED)) {
                names.add(TUNED);
            }
        }
        catalog = catalog.withBlendProfile(blendProfile);
        if (!diversity.isEmpty() && !catalog.knows(diversityModel.trim())) {
            throw new IllegalArgumentException("diversity-model must be one of the known models, got: " + diversityModel);
        }
        EvaluationQuery query = new EvaluationQuery(data.name(), data.events(), evaluationProtocol, names, k, itemCategories);
        EvaluationReport report;
        Optional<DiversityTradeOff> tradeOff = Optional.empty();
        EvaluationService service = new EvaluationService(catalog, clock);
        try (ConsoleProgress progress = new ConsoleProgress(quiet ? nullStream() : console, PlainProgress.terminal())) {
            report = service.evaluate(query, progress);
            if (!diversity.isEmpty()) {
                tradeOff = Optional.of(service.diversityTradeOff(query, diversityModel.trim(), diversity, progress));
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        List<String> plots = new java.util.ArrayList<>(List.of(out.relativize(Plots.hitRateAtK(report, out)).toString()));
        extra.put("plots", plots);
        if (tradeOff.isPresent()) {
            String png = out.relativize(Plots.accuracyVersusDiversity(tradeOff.get(), data.name(), out)).toString();
            plots.add(png);
            extra.put("diversity", ReportWriter.diversity(tradeOff.get(), png));
        }
        if (tuning.get() != null) {
            extra.put("tuning", ReportWriter.tuning(tuning.get()));
        }
        if (forgetting) {
            console.println("Fitting forgetting curves ...");
            Map<String, Object> sections = new LinkedHashMap<>();
            sections.put("selected", ForgettingPlots.selected(data, kind, dataset, out));
            sections.putAll(ForgettingPlots.fitAndPlot(data, out));
            for (Object level : sections.values()) {
                if (level instanceof Map<?, ?> m && m.get("plot") instanceof String png) {
                    plots.add(png);
                }
            }
            extra.put("forgetting", sections);
        }
        ReportWriter.write(report, extra, out);
        console.println("Wrote " + out.resolve("report.json") + " and " + out.resolve("report.md"));
        return 0;
    }

    /**
     * The interest-profile recommender needs the dataset's item categories, so it joins the catalogue
     * only once the dataset is read (unless the caller registered its own {@code profile}).
     */
    private static ModelCatalog withProfile(ModelCatalog catalog, Dataset data, TenantKind kind) {
        if (catalog.knows("profile")) {
            return catalog;
        }
        Map<ItemId, Set<String>> categories = new HashMap<>();
        data.items().forEach((id, item) -> categories.put(id, item.categories()));
        ModelTrainer profile = ProfileRecommender.trainer(id -> categories.getOrDefault(id, Set.of()),
                ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(kind)));
        List<ModelTrainer> trainers = new ArrayList<>(List.of(profile));
        if (!data.items().isEmpty()) {
            trainers.add(ContentAffinity.trainer(profile, id -> Optional.ofNullable(data.items().get(id)), 10));
        }
        return catalog.with(trainers);
    }

    /** A trainer that trains once per training data (by identity) and hands the same model to every later caller. */
    private static final class OncePerData implements ModelTrainer {
        private final ModelTrainer trainer;
        private TrainingData data;
        private Recommender model;

        OncePerData(ModelTrainer trainer) {
            this.trainer = trainer;
        }

        @Override
        public String name() {
            return trainer.name();
        }

        @Override
        public synchronized Recommender train(TrainingData training, TrainingListener listener) {
            if (training != data) {
                model = trainer.train(training, listener);
                data = training;
            }
            return model;
        }
    }

    private static PrintStream nullStream() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** Runs the command on its own: {@code java ... EvaluateCommand --dataset ... --format ... --out ...}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }
}
