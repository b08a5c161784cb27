package dev.lethe.application.service.evaluation;

import dev.lethe.application.port.in.DiversityTradeOff;
import dev.lethe.application.port.in.EvaluateUseCase;
import dev.lethe.application.port.in.EvaluationListener;
import dev.lethe.application.port.in.EvaluationQuery;
import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.application.port.in.EvaluationReport.ModelResult;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.metrics.HeldOutRanking;
import dev.lethe.domain.metrics.MetricAccumulator;
import dev.lethe.domain.metrics.MetricSummary;
import dev.lethe.domain.model.Catalogue;
import dev.lethe.domain.model.DiversityReranker;
import dev.lethe.domain.model.FittedParameters;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.model.ScoringContext;
import dev.lethe.domain.model.TopK;
import dev.lethe.domain.model.TrainingData.ValidationCase;
import dev.lethe.domain.model.TrainingListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The offline evaluator: splits the dataset, then for each model trains it on the training data
 * and ranks the full catalogue for every test case as of the held-out event (history excluded,
 * ties to the lower item id), and averages the metrics. Test cases are scored in parallel.
 */
public final class EvaluationService implements EvaluateUseCase {
    private final ModelCatalog catalog;
    private final Clock clock;

    /** An evaluator of the models in {@code catalog}, timing with {@code clock}. */
    public EvaluationService(ModelCatalog catalog, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public EvaluationReport evaluate(EvaluationQuery query, EvaluationListener listener) {
        long start = clock.millis();
        List<ModelTrainer> trainers = new ArrayList<>();
        for (String name : query.models()) {
            trainers.add(catalog.trainer(name, query.k()));
        }
        EvaluationSplit split = EvaluationSplit.of(query.datasetName(), query.events(), query.protocol());
        split = split.withCategories(query.categories());
        List<ModelResult> results = new ArrayList<>();
        for (int m = 0; m < trainers.size(); m++) {
            ModelTrainer trainer = trainers.get(m);
            listener.modelStarted(trainer.name(), m, trainers.size());
            ModelResult result = evaluate(trainer, split, query.k(), listener);
            listener.modelFinished(result);
            results.add(result);
        }
        return new EvaluationReport(split.summary(), query.protocol(), query.k(), results, Duration.ofMillis(clock.millis() - start));
    }

    @Override
    public DiversityTradeOff diversityTradeOff(EvaluationQuery query, String model, List<Double> lambdas, EvaluationListener listener) {
        if (lambdas.isEmpty()) {
            throw new IllegalArgumentException("diversity must list at least one weight");
        }
        lambdas.forEach(lambda -> DiversityReranker.requireWeight("diversity", lambda));
        ModelTrainer trainer = catalog.trainer(model, query.k());
        EvaluationSplit split = EvaluationSplit.of(query.datasetName(), query.events(), query.protocol()).withCategories(query.categories());
        Recommender recommender = train(trainer, split, trainer.name() + " diversity", listener);
        try {
            return tradeOff(model, recommender, split, query, lambdas, listener);
        } finally {
            close(recommender, model);
        }
    }

    private static DiversityTradeOff tradeOff(String model, Recommender recommender, EvaluationSplit split, EvaluationQuery query,
                                              List<Double> lambdas, EvaluationListener listener) {
        int k = query.k();
        Catalogue catalogue = recommender.catalogue();
        List<ValidationCase> tests = split.tests();
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, tests.size() / 100);
        listener.progress(model + " diversity", "score", 0, tests.size(), "");
        // For each test case, the top k for every λ (outer list: test cases, inner: λ).
        List<List<List<ItemId>>> ranked = IntStream.range(0, tests.size()).parallel().mapToObj(t -> {
            ScoringContext context = tests.get(t).context();
            double[] scores = new double[catalogue.size()];
            recommender.score(context, scores);
            int[] pool = TopK.select(scores, DiversityReranker.poolSize(k), HeldOutRanking.excluded(catalogue, context));
            double[] poolScores = new double[pool.length];
            List<Set<String>> poolCategories = new ArrayList<>(pool.length);
            for (int p = 0; p < pool.length; p++) {
                poolScores[p] = scores[pool[p]];
                poolCategories.add(query.categories().getOrDefault(catalogue.item(pool[p]), Set.of()));
            }
            List<List<ItemId>> perLambda = new ArrayList<>(lambdas.size());
            for (double lambda : lambdas) {
                List<ItemId> top = new ArrayList<>(k);
                if (pool.length > 0) {
                    for (int p : DiversityReranker.rerank(poolScores, poolCategories, k, lambda)) {
                        top.add(catalogue.item(pool[p]));
                    }
                }
                perLambda.add(top);
            }
            long d = done.incrementAndGet();
            if (d % step == 0 || d == tests.size()) {
                synchronized (listener) {
                    listener.progress(model + " diversity", "score", d, tests.size(), "");
                }
            }
            return perLambda;
        }).toList();
        List<DiversityTradeOff.Point> points = new ArrayList<>(lambdas.size());
        for (int l = 0; l < lambdas.size(); l++) {
            MetricAccumulator metrics = new MetricAccumulator(k);
            double diversity = 0;
            for (int t = 0; t < tests.size(); t++) {
                List<ItemId> top = ranked.get(t).get(l);
                metrics.add(top, Set.of(tests.get(t).target()));
                diversity += DiversityReranker.intraListDiversity(top.stream()
                        .map(id -> query.categories().getOrDefault(id, Set.<String>of())).toList());
            }
            MetricSummary summary = metrics.summary(catalogue.size());
            points.add(new DiversityTradeOff.Point(lambdas.get(l), summary.ndcg(), summary.hitRate(), diversity / Math.max(1, tests.size())));
        }
        return new DiversityTradeOff(model, k, tests.size(), points);
    }

    private ModelResult evaluate(ModelTrainer trainer, EvaluationSplit split, int k, EvaluationListener listener) {
        String name = trainer.name();
        long trainStart = clock.millis();
        Recommender model = train(trainer, split, name, listener);
        try {
            return score(name, model, split, k, listener, trainStart);
        } finally {
            close(model, name);
        }
    }

    private static Recommender train(ModelTrainer trainer, EvaluationSplit split, String name, EvaluationListener listener) {
        return trainer.train(split.training(), new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total, String message) {
                listener.progress(name, phase, done, total, message);
            }
        });
    }

    /** Sequence models hold native memory (DJL): release it before the next model trains. */
    private static void close(Recommender model, String name) {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.getLogger(EvaluationService.class.getName()).log(System.Logger.Level.WARNING, "could not close model " + name, e);
            }
        }
    }

    private ModelResult score(String name, Recommender model, EvaluationSplit split, int k, EvaluationListener listener, long trainStart) {
        long scoreStart = clock.millis();
        List<ItemId> catalogueItems = split.training().catalogue().items();
        if (!model.catalogue().items().equals(catalogueItems)) {
            throw new IllegalStateException("model " + name + " ranks a different catalogue than the dataset's");
        }
        List<ValidationCase> tests = split.tests();
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, tests.size() / 100);
        listener.progress(name, "score", 0, tests.size(), "");
        List<List<ItemId>> ranked = IntStream.range(0, tests.size()).parallel().mapToObj(i -> {
            List<ItemId> top = HeldOutRanking.topK(model, tests.get(i).context(), k);
            long d = done.incrementAndGet();
            if (d % step == 0 || d == tests.size()) {
                synchronized (listener) {
                    listener.progress(name, "score", d, tests.size(), "");
                }
            }
            return top;
        }).toList();
        MetricAccumulator metrics = new MetricAccumulator(k);
        for (int i = 0; i < tests.size(); i++) {
            metrics.add(ranked.get(i), Set.of(tests.get(i).target()));
        }
        long end = clock.millis();
        Map<String, Double> parameters = model instanceof FittedParameters fitted ? fitted.fittedParameters() : Map.of();
        return new ModelResult(name, metrics.summary(catalogueItems.size()), parameters,
                Duration.ofMillis(scoreStart - trainStart), Duration.ofMillis(end - scoreStart));
    }
}
