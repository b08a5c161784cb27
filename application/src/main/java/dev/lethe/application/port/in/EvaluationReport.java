package dev.lethe.application.port.in;

import dev.lethe.domain.metrics.MetricSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outcome of an evaluation: what was split how, and every model's metrics and timings. */
public record EvaluationReport(DatasetSummary dataset, EvaluationProtocol protocol, int k, List<ModelResult> models, Duration elapsed) {
    public EvaluationReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(elapsed, "elapsed");
        models = List.copyOf(models);
    }

    /**
     * The dataset and its split.
     *
     * @param droppedUsers users left out by the protocol (fewer than 3 events, or no event on one side of the cut)
     * @param cut the global cut time of the temporal protocol
     */
    public record DatasetSummary(
            String name,
            int events,
            int users,
            int items,
            Instant firstEvent,
            Instant lastEvent,
            int droppedUsers,
            int trainingEvents,
            int validationCases,
            int testCases,
            Optional<Instant> cut) {
        public DatasetSummary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(firstEvent, "firstEvent");
            Objects.requireNonNull(lastEvent, "lastEvent");
            Objects.requireNonNull(cut, "cut");
        }
    }

    /** One model's metrics over the test cases, its fitted parameters and how long it took. */
    public record ModelResult(String name, MetricSummary metrics, Map<String, Double> parameters, Duration trainTime, Duration scoreTime) {
        public ModelResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(trainTime, "trainTime");
            Objects.requireNonNull(scoreTime, "scoreTime");
            parameters = Map.copyOf(parameters);
        }
    }
}
