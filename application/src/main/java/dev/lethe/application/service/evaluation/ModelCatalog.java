package dev.lethe.application.service.evaluation;

import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.domain.forgetting.ExponentialCurve;
import dev.lethe.domain.model.AllTimePopularity;
import dev.lethe.domain.model.DecayedPopularity;
import dev.lethe.domain.model.HalfLifeSearch;
import dev.lethe.domain.model.ItemKnn;
import dev.lethe.domain.model.MarkovChain;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.NamedTrainer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models an evaluation can name: the built-in baselines, parameterised by their names
 * ({@code decayed-pop-30d}, {@code decayed-pop-12h}, {@code sar-7d}), plus any trainers the
 * application adds (the forgetting profile, the sequence models of a {@link ModelEnginePort}).
 */
public final class ModelCatalog {
    /** The baselines run when no model list is given. */
    public static final List<String> DEFAULT_BASELINES = List.of(
            "pop-all", "pop", "decayed-pop-7d", "decayed-pop-30d", "decayed-pop-180d", HalfLifeSearch.NAME,
            ItemKnn.NAME, MarkovChain.NAME);
    private static final Pattern DECAYED = Pattern.compile("decayed-pop-(\\d+(?:\\.\\d+)?)([hd])");
    private static final Pattern SAR = Pattern.compile("sar-(\\d+(?:\\.\\d+)?)([hd])");

    private final Map<String, ModelTrainer> extra;
    /** Models that run only when named: training them takes minutes, not seconds. */
    private final Set<String> onRequest;
    /** The engines whose families {@link #withEngine} added. */
    private final List<ModelEnginePort> engines;

    /** The baselines and {@code extra} trainers, whose names must be distinct and not shadow a baseline. */
    public ModelCatalog(List<ModelTrainer> extra) {
        this(extra, Set.of(), List.of());
    }

    private ModelCatalog(List<ModelTrainer> extra, Set<String> onRequest, List<ModelEnginePort> engines) {
        Map<String, ModelTrainer> byName = new LinkedHashMap<>();
        for (ModelTrainer t : extra) {
            if (isBaseline(t.name()) || byName.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("extra trainers must have distinct names that no baseline uses, got twice: " + t.name());
            }
        }
        this.extra = byName;
        this.onRequest = Set.copyOf(onRequest);
        this.engines = List.copyOf(engines);
    }

    /** Only the built-in baselines. */
    public static ModelCatalog baselines() {
        return new ModelCatalog(List.of());
    }

    /** This catalogue plus {@code trainers}, e.g. ones that need the dataset's item categories. */
    public ModelCatalog with(List<ModelTrainer> trainers) {
        List<ModelTrainer> all = new ArrayList<>(extra.values());
        all.addAll(trainers);
        return new ModelCatalog(all, onRequest, engines);
    }

    /** Whether a model called {@code name} can be trained. */
    public boolean knows(String name) {
        return extra.containsKey(name) || isBaseline(name);
    }

    /** This catalogue plus a trainer for each family of {@code engine}; they run only when named (see {@link #defaultModels()}). */
    public ModelCatalog withEngine(ModelEnginePort engine) {
        List<ModelTrainer> all = new ArrayList<>(extra.values());
        all.addAll(engineTrainers(engine));
        Set<String> slow = new HashSet<>(onRequest);
        slow.addAll(engine.families());
        List<ModelEnginePort> withThis = new ArrayList<>(engines);
        withThis.add(engine);
        return new ModelCatalog(all, slow, withThis);
    }

    /**
     * This catalogue with the engine's blends ({@link ModelEnginePort#blends()}) building their interest
     * profile with {@code profile} (e.g. the dataset's tenant kind, or the {@code --tune} search); the same
     * catalogue when no engine has blends.
     */
    public ModelCatalog withBlendProfile(ModelTrainer profile) {
        Objects.requireNonNull(profile, "profile");
        Map<String, ModelTrainer> all = new LinkedHashMap<>(extra);
        for (ModelEnginePort engine : engines) {
            for (String family : engine.blends()) {
                if (engine.families().contains(family)) {
                    all.put(family, new NamedTrainer(family, (data, listener) -> engine.train(family, data, profile, listener)));
                }
            }
        }
        return new ModelCatalog(new ArrayList<>(all.values()), onRequest, engines);
    }

    private static List<ModelTrainer> engineTrainers(ModelEnginePort engine) {
        List<ModelTrainer> trainers = new ArrayList<>();
        for (String family : engine.families()) {
            trainers.add(new NamedTrainer(family, (data, listener) -> engine.train(family, data, listener)));
        }
        return trainers;
    }

    /** The models run by default: the baselines, then the added trainers in the order given, less the engine's. */
    public List<String> defaultModels() {
        List<String> names = new ArrayList<>(DEFAULT_BASELINES);
        extra.keySet().stream().filter(name -> !onRequest.contains(name)).forEach(names::add);
        return names;
    }

    /** The trainer called {@code name}, ranking by NDCG@{@code k} where it tunes itself. */
    public ModelTrainer trainer(String name, int k) {
        return baseline(name, k).or(() -> Optional.ofNullable(extra.get(name)))
                .orElseThrow(() -> new IllegalArgumentException("models: unknown model '" + name + "'; known: "
                        + String.join(", ", defaultModels()) + " (and decayed-pop-<n>d|h, sar-<n>d|h)"));
    }

    private static boolean isBaseline(String name) {
        return baseline(name, 10).isPresent();
    }

    private static Optional<ModelTrainer> baseline(String name, int k) {
        switch (name) {
            case "pop":
                return Optional.of(DecayedPopularity.trainer("pop", Optional.empty()));
            case AllTimePopularity.NAME:
                return Optional.of(AllTimePopularity.trainer());
            case HalfLifeSearch.NAME:
                return Optional.of(new HalfLifeSearch(k));
            case ItemKnn.NAME:
                return Optional.of(ItemKnn.trainer(ItemKnn.NAME, ItemKnn.DEFAULT_HALF_LIFE_DAYS));
            case MarkovChain.NAME:
                return Optional.of(MarkovChain.trainer());
            default:
                break;
        }
        Matcher decayed = DECAYED.matcher(name);
        if (decayed.matches()) {
            return Optional.of(DecayedPopularity.trainer(name, Optional.of(ExponentialCurve.ofDays(days(decayed)))));
        }
        Matcher sar = SAR.matcher(name);
        if (sar.matches()) {
            return Optional.of(ItemKnn.trainer(name, days(sar)));
        }
        return Optional.empty();
    }

    private static double days(Matcher m) {
        double amount = Double.parseDouble(m.group(1));
        if (!(amount > 0)) {
            throw new IllegalArgumentException("models: the half-life in '" + m.group() + "' must be positive");
        }
        return m.group(2).equals("h") ? amount / 24 : amount;
    }
}
