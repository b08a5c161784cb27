package dev.lethe.adapter.ml;

import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import dev.lethe.domain.sequence.ValidationRanking;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.tenant.TenantKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Trains the DJL families on ml-latest-small (leave-last-out) and prints test HR@10 / NDCG@10,
 * training time and throughput, next to a raw DJL loop of the same network. Not a unit test: run
 * it with {@code java ... dev.lethe.adapter.ml.MovieLensBenchmark <ratings.csv> <engine> <families>}.
 */
public final class MovieLensBenchmark {
    private MovieLensBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path ratings = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/ml-latest-small/ratings.csv");
        String engineName = args.length > 1 ? args[1] : "mxnet";
        String[] families = (args.length > 2 ? args[2] : "lstm-notime,lethe").split(",");
        int maxEpochs = Integer.parseInt(System.getProperty("epochs", "200"));
        int patience = Integer.getInteger("patience", LstmHyperParameters.defaults(true).patience());
        LeaveLastOut split = LeaveLastOut.read(ratings);
        System.out.printf("data: %d training events, %d validation, %d test, catalogue %d%n", split.training().events().size(),
                split.training().validation().size(), split.test().size(), split.training().catalogue().size());
        LstmHyperParameters d = LstmHyperParameters.defaults(true);
        LstmHyperParameters hp = new LstmHyperParameters(
                Integer.getInteger("embedding", d.embeddingSize()), Integer.getInteger("hidden", d.hiddenSize()),
                Integer.getInteger("layers", d.layers()), Float.parseFloat(System.getProperty("dropout", Float.toString(d.dropout()))),
                Integer.getInteger("maxLength", d.maxLength()), Integer.getInteger("windows", d.windowsPerUser()),
                Integer.getInteger("batch", d.batchSize()),
                Float.parseFloat(System.getProperty("lr", Float.toString(d.learningRate()))), maxEpochs, patience,
                Long.getLong("seed", d.seed()), true, d.timeProjectionSize(),
                Boolean.parseBoolean(System.getProperty("tied", Boolean.toString(d.tiedEmbeddings()))),
                Integer.getInteger("negatives", d.sampledNegatives()),
                Integer.getInteger("plateau", d.plateauEpochs()),
                Boolean.parseBoolean(System.getProperty("categories", Boolean.toString(d.categoryEmbeddings()))));
        System.out.println("hyper-parameters: " + hp);
        Map<ItemId, Set<String>> genres = genres(ratings.resolveSibling("movies.csv"));
        // As evaluate and training jobs do: the items' categories travel with the training data.
        TrainingData training = split.training().withCategories(genres);
        ModelTrainer profileTrainer = ProfileRecommender.trainer(item -> genres.getOrDefault(item, Set.of()),
                ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(TenantKind.VIDEO)));
        DjlModelEngine engine = new DjlModelEngine(engineName, hp, 1, profileTrainer);
        if (Arrays.asList(families).contains("lethe")) {
            report("profile (genres)", profileTrainer.train(split.training(), TrainingListener.SILENT), split.test(), Double.NaN, Double.NaN);
        }
        report("decayed-pop 30 d", DecayedPopularity.fit("decayed-pop", split.training().catalogue(),
                Optional.of(ExponentialCurve.ofDays(30)), split.training().events()), split.test(), Double.NaN, Double.NaN);
        for (String family : families) {
            long start = System.nanoTime();
            Recommender model = engine.train(family, training, new TrainingListener() {});
            double seconds = (System.nanoTime() - start) / 1e9;
            if (model instanceof LetheBlend b) {
                // The blend trains the time-aware LSTM first: its own row is the lstm family.
                LstmRecommender.TrainingSummary s = b.lstm().summary();
                report(engineName + " lstm", b.lstm(), split.test(), s.seconds(), s.sequencesPerSecond());
                System.out.printf("  best epoch %d of %d, validation NDCG@10 %.4f%n", s.bestEpoch(), s.epochs(), s.validationNdcg());
                report(engineName + " lethe", model, split.test(), seconds, Double.NaN);
                System.out.printf("  prior half-life %.0f d, weights (lstm, profile, prior) %s%n", b.halfLifeDays(), b.weights());
                if (Boolean.getBoolean("blendExperiments")) {
                    blendExperiments(b, profileTrainer, training, split.test());
                }
            } else {
                LstmRecommender lstm = (LstmRecommender) model;
                LstmRecommender.TrainingSummary s = lstm.summary();
                report(engineName + " " + family, model, split.test(), seconds, s.sequencesPerSecond());
                System.out.printf("  best epoch %d of %d, validation NDCG@10 %.4f%n", s.bestEpoch(), s.epochs(), s.validationNdcg());
            }
            ((AutoCloseable) model).close();
        }
        if (Boolean.parseBoolean(System.getProperty("raw", "true"))) {
            // Same network, same batch and the mean window length of this data, nothing but forward/backward/step.
            List<EncodedSequence> windows = new SequenceEncoder(split.training().catalogue(), hp.maxLength(), hp.windowsPerUser(), false)
                    .trainingWindows(split.training().events());
            long positions = 0;
            for (EncodedSequence w : windows) {
                positions += w.length();
            }
            int meanLength = (int) Math.round(positions / (double) windows.size());
            double raw = RawDjlLoop.sequencesPerSecond(engineName.equals("pytorch") ? "PyTorch" : "MXNet", hp.withTimeFeatures(false),
                    split.training().catalogue().size(), meanLength, Integer.getInteger("rawSteps", 20));
            System.out.printf("raw DJL loop (%s, lstm-notime network, batch %d x length %d): %.1f sequences/s%n", engineName,
                    hp.batchSize(), meanLength, raw);
        }
    }

    /**
     * Other blends over the same trained LSTM, each fitted on validation as {@code lethe} is: adding the
     * first-order Markov chain or item-kNN ({@code sar}) as a fourth part.
     */
    private static void blendExperiments(LetheBlend b, ModelTrainer profileTrainer, TrainingData data, List<ValidationCase> test) {
        Recommender profile = profileTrainer.train(data, TrainingListener.SILENT);
        Recommender prior = DecayedPopularity.fit(LetheBlend.PRIOR, data.catalogue(), Optional.of(ExponentialCurve.ofDays(b.halfLifeDays())),
                LetheBlend.knownEvents(data));
        dev.lethe.domain.model.EventLog known = dev.lethe.domain.model.EventLog.known(data);
        Map<String, Recommender> extras = Map.of(
                "markov", dev.lethe.domain.model.MarkovChain.fit("markov", known),
                "sar", dev.lethe.domain.model.ItemKnn.fit("sar", known, ExponentialCurve.ofDays(30)));
        blendVariants(b, profile, prior, data, test);
        for (Map.Entry<String, Recommender> e : extras.entrySet()) {
            List<Recommender> parts = List.of(b.lstm(), profile, prior, e.getValue());
            List<dev.lethe.domain.sequence.BlendedRecommender.Normalisation> norms = new java.util.ArrayList<>(LetheBlend.NORMALISATIONS);
            norms.add(dev.lethe.domain.sequence.BlendedRecommender.Normalisation.Z_SCORE);
            dev.lethe.domain.sequence.BlendedRecommender blend = dev.lethe.domain.sequence.BlendedRecommender.fit("lethe+" + e.getKey(), parts, norms,
                    data.validation());
            List<Double> w = new java.util.ArrayList<>();
            for (dev.lethe.domain.sequence.BlendedRecommender.Component c : blend.components()) {
                w.add(c.weight());
            }
            System.out.printf("  experiment lethe+%s: validation NDCG@10 %.4f, weights %s%n", e.getKey(),
                    ValidationRanking.meanNdcg(blend, data.validation(), 10), w);
            report("  lethe+" + e.getKey(), blend, test, Double.NaN, Double.NaN);
        }
    }

    /**
     * The blend with the profile's weight fixed instead of the LSTM's (so the LSTM's may reach 0), and
     * with {@code profile-content} (titles and genres of movies.csv) in place of the profile.
     */
    private static void blendVariants(LetheBlend b, Recommender profile, Recommender prior, TrainingData data, List<ValidationCase> test) {
        List<dev.lethe.domain.sequence.BlendedRecommender.Normalisation> norms = LetheBlend.NORMALISATIONS;
        List<dev.lethe.domain.sequence.BlendedRecommender.Normalisation> profileFirst = List.of(norms.get(1), norms.get(0), norms.get(2));
        Map<String, dev.lethe.domain.sequence.BlendedRecommender> variants = new java.util.LinkedHashMap<>();
        variants.put("profile-fixed", dev.lethe.domain.sequence.BlendedRecommender.fit("lethe-profile-fixed", List.of(profile, b.lstm(), prior),
                profileFirst, data.validation()));
        for (int k : new int[] {30, 100, 1000}) {
            variants.put("ndcg@" + k, dev.lethe.domain.sequence.BlendedRecommender.fit("lethe-ndcg" + k, List.of(b.lstm(), profile, prior),
                    norms, data.validation(), k));
        }
        Map<ItemId, dev.lethe.domain.item.Item> items = new HashMap<>();
        try {
            Path movies = Path.of(System.getProperty("movies", "/work/shared/datasets/ml-latest-small/movies.csv"));
            List<String> lines = Files.readAllLines(movies, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String id = line.substring(0, line.indexOf(','));
                String title = line.substring(line.indexOf(',') + 1, line.lastIndexOf(',')).replace("\"", "");
                String last = line.substring(line.lastIndexOf(',') + 1);
                Set<String> g = last.equals("(no genres listed)") ? Set.of() : Set.of(last.split("\\|"));
                items.put(new ItemId(id), new dev.lethe.domain.item.Item(new ItemId(id), g, Map.of("title", title)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ModelTrainer plain = ProfileRecommender.trainer(data::categoriesOf, ProfileRecommender.Settings.defaults(BehaviorWeights.defaults(TenantKind.VIDEO)));
        Recommender content = dev.lethe.domain.content.ContentAffinity.trainer(plain, id -> Optional.ofNullable(items.get(id)), 10)
                .train(data, TrainingListener.SILENT);
        report("  profile-content", content, test, Double.NaN, Double.NaN);
        variants.put("content", dev.lethe.domain.sequence.BlendedRecommender.fit("lethe-content", List.of(b.lstm(), content, prior),
                norms, data.validation()));
        variants.put("content-profile-fixed", dev.lethe.domain.sequence.BlendedRecommender.fit("lethe-content-pf", List.of(content, b.lstm(), prior),
                profileFirst, data.validation()));
        for (Map.Entry<String, dev.lethe.domain.sequence.BlendedRecommender> e : variants.entrySet()) {
            List<Double> w = new java.util.ArrayList<>();
            for (dev.lethe.domain.sequence.BlendedRecommender.Component c : e.getValue().components()) {
                w.add(c.weight());
            }
            System.out.printf("  variant %s: validation NDCG@10 %.4f, weights %s%n", e.getKey(),
                    ValidationRanking.meanNdcg(e.getValue(), data.validation(), 10), w);
            report("  lethe/" + e.getKey(), e.getValue(), test, Double.NaN, Double.NaN);
        }
    }

    /** movieId -> genres from movies.csv (quoted titles may hold commas; genres are the last field); empty when absent. */
    static Map<ItemId, Set<String>> genres(Path moviesCsv) throws java.io.IOException {
        Map<ItemId, Set<String>> genres = new HashMap<>();
        if (!Files.exists(moviesCsv)) {
            return genres;
        }
        List<String> lines = Files.readAllLines(moviesCsv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String id = line.substring(0, line.indexOf(','));
            String last = line.substring(line.lastIndexOf(',') + 1);
            if (!last.equals("(no genres listed)")) {
                genres.put(new ItemId(id), Set.of(last.split("\\|")));
            }
        }
        return genres;
    }

    static void report(String label, Recommender model, List<ValidationCase> test, double seconds, double throughput) {
        Catalogue catalogue = model.catalogue();
        double[] scores = new double[catalogue.size()];
        double ndcg = 0;
        double hits = 0;
        for (ValidationCase c : test) {
            model.score(c.context(), scores);
            BitSet consumed = ValidationRanking.consumed(catalogue, c.context().history());
            double g = ValidationRanking.ndcg(scores, ValidationRanking.target(catalogue, c), consumed, 10);
            ndcg += g;
            hits += g > 0 ? 1 : 0;
        }
        System.out.printf("%-24s HR@10 %.4f  NDCG@10 %.4f  train %.0f s  %.1f sequences/s%n", label, hits / test.size(), ndcg / test.size(),
                seconds, throughput);
    }
}
