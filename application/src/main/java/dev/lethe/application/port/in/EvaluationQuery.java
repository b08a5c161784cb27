package dev.lethe.application.port.in;

import dev.lethe.domain.behavior.Behavior;
import java.util.List;
import java.util.Objects;

/**
 * What to evaluate: a named dataset's behaviours in file order (the order breaks timestamp ties),
 * the protocol, the models by registered name, and the cut-off K of the metrics.
 */
public record EvaluationQuery(String datasetName, List<Behavior> events, EvaluationProtocol protocol, List<String> models, int k,
        java.util.Map<dev.lethe.domain.behavior.ItemId, java.util.Set<String>> categories) {

    /** A query over a dataset whose items have no known categories. */
    public EvaluationQuery(String datasetName, List<Behavior> events, EvaluationProtocol protocol, List<String> models, int k) {
        this(datasetName, events, protocol, models, k, java.util.Map.of());
    }

    public EvaluationQuery {
        categories = java.util.Map.copyOf(categories);
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(protocol, "protocol");
        events = List.copyOf(events);
        models = List.copyOf(models);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must not be empty");
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one model");
        }
        if (k <= 0 || k > 1000) {
            throw new IllegalArgumentException("k must be between 1 and 1000, got: " + k);
        }
    }
}
