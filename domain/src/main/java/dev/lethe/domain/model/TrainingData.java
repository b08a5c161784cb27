package dev.lethe.domain.model;

import dev.lethe.domain.behavior.Behavior;
import dev.lethe.domain.behavior.BehaviorType;
import dev.lethe.domain.behavior.EventId;
import dev.lethe.domain.behavior.ItemId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * What a model learns from: the catalogue, the training behaviours in time order, validation cases
 * (a user's history, the next item they engaged with, and the moment of it) for early stopping and
 * for fitting blend weights, and the categories of the items that have any.
 */
public record TrainingData(Catalogue catalogue, List<Behavior> events, List<ValidationCase> validation,
        Map<ItemId, Set<String>> categories) {
    public TrainingData {
        Objects.requireNonNull(catalogue, "catalogue");
        events = List.copyOf(events);
        validation = List.copyOf(validation);
        categories = Map.copyOf(categories);
    }

    /** Training data whose items have no known categories. */
    public TrainingData(Catalogue catalogue, List<Behavior> events, List<ValidationCase> validation) {
        this(catalogue, events, validation, Map.of());
    }

    /** The same data with the items' categories. */
    public TrainingData withCategories(Map<ItemId, Set<String>> itemCategories) {
        return new TrainingData(catalogue, events, validation, itemCategories);
    }

    /**
     * The training behaviours plus each validation case's target as a view at its moment: what is the
     * past at test time.
     */
    public List<Behavior> known() {
        List<Behavior> all = new ArrayList<>(events.size() + validation.size());
        all.addAll(events);
        int n = 0;
        for (ValidationCase c : validation) {
            all.add(Behavior.of(new EventId("validation-" + n++), c.context().userId(), c.target(),
                    BehaviorType.VIEW, c.context().asOf()));
        }
        return all;
    }

    /** The categories of {@code item}; empty when unknown. */
    public Set<String> categoriesOf(ItemId item) {
        return categories.getOrDefault(item, Set.of());
    }

    /** One held-out next event: score as of {@code context.asOf()} and find {@code target}. */
    public record ValidationCase(ScoringContext context, ItemId target) {
        public ValidationCase {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(target, "target");
        }
    }
}
