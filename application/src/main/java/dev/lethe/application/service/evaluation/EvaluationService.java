package dev.lethe.application.service.evaluation;

import dev.lethe.application.port.in.EvaluateUseCase;
import dev.lethe.application.port.in.EvaluationListener;
import dev.lethe.application.port.in.EvaluationQuery;
import dev.lethe.application.port.in.EvaluationReport;
import dev.lethe.application.port.in.EvaluationReport.ModelResult;
import dev.lethe.domain.behavior.ItemId;
import dev.lethe.domain.metrics.HeldOutRanking;
import dev.lethe.domain.metrics.MetricAccumulator;
import dev.lethe.domain.model.FittedParameters;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
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

    private ModelResult evaluate(ModelTrainer trainer, EvaluationSplit split, int k, EvaluationListener listener) {
        String name = trainer.name();
        long trainStart = clock.millis();
        Recommender model = trainer.train(split.training(), new TrainingListener() {
            @Override
            public void progress(String phase, long done, long total, String message) {
                listener.progress(name, phase, done, total, message);
            }
        });
        try {
            return score(name, model, split, k, listener, trainStart);
        } finally {
            // Sequence models hold native memory (DJL): release it before the next model trains.
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.getLogger(EvaluationService.class.getName()).log(System.Logger.Level.WARNING, "could not close model " + name, e);
                }
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
