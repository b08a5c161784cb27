package dev.lethe.adapter.ml;

import ai.djl.engine.Engine;
import dev.lethe.application.port.out.ModelEnginePort;
import dev.lethe.domain.interest.BehaviorWeights;
import dev.lethe.domain.interest.ProfileRecommender;
import dev.lethe.domain.model.ModelTrainer;
import dev.lethe.domain.model.Recommender;
import dev.lethe.domain.tenant.TenantKind;
import dev.lethe.domain.model.TrainingData;
import dev.lethe.domain.model.TrainingListener;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DJL engine of Lethe: trains, saves and loads {@code lstm}, {@code lstm-notime} and the
 * {@code lethe} blend on MXNet (default) or PyTorch, chosen by name only — the code path is the same.
 */
final class DjlModelEngine implements ModelEnginePort {
    static final String LSTM = "lstm";
    static final String LSTM_NOTIME = "lstm-notime";
    static final String LETHE = "lethe";
    private static final Logger LOG = LoggerFactory.getLogger(DjlModelEngine.class);
    private static final String MXNET = "mxnet";
    private static final Map<String, String> DJL_NAMES = Map.of(MXNET, "MXNet", "pytorch", "PyTorch");

    /**
     * The behaviour weights of the blend's interest profile when the caller gives no profile trainer, and
     * of an artifact written before the blend stored its own.
     */
    static final BehaviorWeights PROFILE_WEIGHTS = BehaviorWeights.defaults(TenantKind.VIDEO);

    private final String engineName;
    private final LstmHyperParameters hyperParameters;
    private final int poolSize;
    private final ModelTrainer profileTrainer;

    /** An engine whose {@code lethe} blend builds the interest profile on the training data's item categories. */
    DjlModelEngine(String engineName, LstmHyperParameters hyperParameters, int poolSize) {
        this(engineName, hyperParameters, poolSize, false);
    }

    /**
     * An engine whose {@code lethe} blend builds the interest profile on the training data's item categories;
     * with {@code parallelInference} on MXNet, it first selects MXNet's {@value MxNetEngineType#NAIVE} unless
     * the operator set {@value MxNetEngineType#VARIABLE}, so that loaded models serve with all predictors.
     */
    DjlModelEngine(String engineName, LstmHyperParameters hyperParameters, int poolSize, boolean parallelInference) {
        this(engineName, hyperParameters, poolSize, new ModelTrainer() {
            @Override
            public String name() {
                return "profile";
            }

            @Override
            public Recommender train(TrainingData data, TrainingListener listener) {
                return ProfileRecommender.trainer(data::categoriesOf, ProfileRecommender.Settings.defaults(PROFILE_WEIGHTS))
                        .train(data, listener);
            }
        });
        if (parallelInference && MXNET.equals(this.engineName)) {
            selectNaiveEngine();
        }
    }

    /**
     * @param engineName {@code mxnet} or {@code pytorch}
     * @param hyperParameters the network and training settings ({@code timeFeatures} is set per family)
     * @param poolSize predictors per loaded model, i.e. concurrent inferences
     * @param profileTrainer builds the long-term interest profile of the {@code lethe} blend when
     *     {@link #train(String, TrainingData, TrainingListener)} is called without one (a
     *     {@link ProfileRecommender}, whose settings and co-occurrences the artifact keeps)
     */
    DjlModelEngine(String engineName, LstmHyperParameters hyperParameters, int poolSize, ModelTrainer profileTrainer) {
        String key = engineName == null ? "" : engineName.trim().toLowerCase(Locale.ROOT);
        if (!DJL_NAMES.containsKey(key)) {
            throw new IllegalArgumentException("engine must be one of " + DJL_NAMES.keySet() + ", got: " + engineName);
        }
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive, got: " + poolSize);
        }
        this.engineName = key;
        this.hyperParameters = Objects.requireNonNull(hyperParameters, "hyperParameters");
        this.poolSize = poolSize;
        this.profileTrainer = Objects.requireNonNull(profileTrainer, "profileTrainer");
        // Everything native ships in jars; never let DJL reach for the network.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    @Override
    public Set<String> families() {
        return Set.of(LSTM, LSTM_NOTIME, LETHE);
    }

    @Override
    public String engine() {
        return engineName;
    }

    @Override
    public Set<String> blends() {
        return Set.of(LETHE);
    }

    @Override
    public Recommender train(String family, TrainingData data, TrainingListener listener) {
        return train(family, data, profileTrainer, listener);
    }

    /** The {@code lethe} blend's interest profile is trained by {@code profile}; the LSTM families ignore it. */
    @Override
    public Recommender train(String family, TrainingData data, ModelTrainer profile, TrainingListener listener) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(profile, "profile");
        TrainingListener l = listener == null ? TrainingListener.SILENT : listener;
        return switch (checkFamily(family)) {
            case LSTM -> lstmTraining().train(LSTM, hyperParameters.withTimeFeatures(true), data, l);
            case LSTM_NOTIME -> lstmTraining().train(LSTM_NOTIME, hyperParameters.withTimeFeatures(false), data, l);
            default -> LetheBlend.train(lstmTraining(), hyperParameters.withTimeFeatures(true), profile, data, l);
        };
    }

    @Override
    public void save(Recommender model, Path directory) {
        if (model instanceof LstmRecommender lstm) {
            LstmArtifacts.save(lstm, directory);
        } else if (model instanceof LetheBlend lethe) {
            lethe.save(directory);
        } else {
            throw new IllegalArgumentException("model must be one trained by the DJL engine, got: " + (model == null ? "null" : model.name()));
        }
    }

    @Override
    public Recommender load(String family, Path directory) {
        String f = checkFamily(family);
        return LETHE.equals(f)
                ? LetheBlend.load(djlEngine(), directory, servingPoolSize(), PROFILE_WEIGHTS)
                : LstmArtifacts.load(djlEngine(), f, directory, servingPoolSize());
    }

    private LstmTraining lstmTraining() {
        return new LstmTraining(djlEngine(), servingPoolSize());
    }

    private Engine djlEngine() {
        try {
            Engine engine = Engine.getEngine(DJL_NAMES.get(engineName));
            LOG.debug("DJL engine {} {}, default device {}", engine.getEngineName(), engine.getVersion(), engine.defaultDevice());
            return engine;
        } catch (RuntimeException e) {
            throw new ModelEngineException("the DJL engine " + engineName + " is not available: " + e.getMessage(), e);
        }
    }

    /** MXNet's default threaded engine is unsafe for concurrent inference; then requests are served one at a time. */
    private int servingPoolSize() {
        if (MXNET.equals(engineName) && poolSize > 1 && !MxNetEngineType.current().filter(MxNetEngineType.NAIVE::equals).isPresent()) {
            LOG.warn("{}={}: MXNet inference is serialised (one predictor, not {}); unset it, or set {}, "
                            + "before the server starts to serve in parallel (docs/operations.md, Model engine)",
                    MxNetEngineType.VARIABLE, MxNetEngineType.current().orElse("(unset)"), poolSize, MxNetEngineType.NAIVE);
            return 1;
        }
        return poolSize;
    }

    /** Called before anything loads MXNet (this engine is what loads it); says at start-up what serving will do. */
    private void selectNaiveEngine() {
        Optional<String> before = MxNetEngineType.current();
        Optional<String> now = MxNetEngineType.naiveUnlessSet();
        if (now.filter(MxNetEngineType.NAIVE::equals).isPresent()) {
            int cores = Runtime.getRuntime().availableProcessors();
            Optional<String> omp = MxNetEngineType.get(MxNetEngineType.OMP_THREADS);
            String threads = omp.map(n -> n + " OpenMP thread(s) each (" + MxNetEngineType.OMP_THREADS + " set by the operator)")
                    .orElseGet(() -> MxNetEngineType.threadsPerPredictor(cores, poolSize) + " OpenMP thread(s) each ("
                            + cores + " cores shared among the predictors; one thread per core per predictor oversubscribed the cores)");
            LOG.info("MXNet serving: {}={} ({}): {} predictors per model serve requests in parallel, {}; "
                            + "set {}=ThreadedEnginePerDevice for one predictor on MXNet's threaded engine (docs/operations.md, Model engine)",
                    MxNetEngineType.VARIABLE, MxNetEngineType.NAIVE, before.isPresent() ? "set by the operator" : "set by Lethe",
                    poolSize, threads, MxNetEngineType.VARIABLE);
        } else {
            LOG.warn("MXNet serving: {}={}: one predictor per model on MXNet's threaded engine, which spreads each operator "
                            + "over its own worker threads; inference is serialised (unset it or set {} to serve in parallel)",
                    MxNetEngineType.VARIABLE, now.orElse("(unset: could not set it in this process)"), MxNetEngineType.NAIVE);
        }
    }

    private String checkFamily(String family) {
        if (family == null || !families().contains(family)) {
            throw new IllegalArgumentException("family must be one of " + families() + ", got: " + family);
        }
        return family;
    }
}
