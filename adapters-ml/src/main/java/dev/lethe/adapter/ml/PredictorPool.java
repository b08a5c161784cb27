package dev.lethe.adapter.ml;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.lethe.application.port.out.ModelEnginePort.ModelEngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A bounded pool of DJL predictors (a predictor is not thread-safe): a request borrows one, or
 * waits for one when {@code size} are busy. Predictors are created lazily. On MXNet's NaiveEngine,
 * where a predictor runs its operators in the calling thread, each calling thread first gets
 * {@link MxNetEngineType#threadsPerPredictor} OpenMP threads (unless the operator set
 * {@value MxNetEngineType#OMP_THREADS}), so that {@code size} concurrent predictions share the cores
 * instead of each starting a thread per core.
 */
final class PredictorPool implements AutoCloseable {
    private final Model model;
    private final SequenceTranslator translator;
    private final int size;
    private final BlockingQueue<Predictor<EncodedSequence, float[]>> idle;
    private final List<Predictor<EncodedSequence, float[]>> all = new ArrayList<>();
    /** OpenMP threads each calling thread is given before its first prediction; 0: leave them as they are. */
    private final int ompThreads;
    private final ThreadLocal<Boolean> threadReady = ThreadLocal.withInitial(() -> Boolean.FALSE);

    PredictorPool(Model model, SequenceTranslator translator, int size) {
        this(model, translator, size, naiveEngineOmpThreads(model, size));
    }

    PredictorPool(Model model, SequenceTranslator translator, int size, int ompThreads) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got: " + size);
        }
        this.model = model;
        this.translator = translator;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
        this.ompThreads = ompThreads;
    }

    /**
     * The OpenMP threads per calling thread for a model on MXNet's NaiveEngine with {@code size}
     * predictors; 0 on the threaded engine (it runs operators on its own workers), on PyTorch, or
     * when the operator set {@value MxNetEngineType#OMP_THREADS} (MXNet then uses that everywhere).
     */
    static int naiveEngineOmpThreads(Model model, int size) {
        boolean naive = "MXNet".equals(model.getNDManager().getEngine().getEngineName())
                && MxNetEngineType.current().filter(MxNetEngineType.NAIVE::equals).isPresent();
        if (!naive || MxNetEngineType.get(MxNetEngineType.OMP_THREADS).isPresent()) {
            return 0;
        }
        return MxNetEngineType.threadsPerPredictor(Runtime.getRuntime().availableProcessors(), size);
    }

    /** OpenMP threads each calling thread gets before its first prediction (0: left as they are). */
    int ompThreads() {
        return ompThreads;
    }

    /** The logits of every catalogue item after the last step of {@code input}; blocks while all predictors are busy. */
    float[] predict(EncodedSequence input) {
        if (ompThreads > 0 && !threadReady.get()) {
            MxNetEngineType.setCallingThreadOmpThreads(ompThreads);
            threadReady.set(Boolean.TRUE);
        }
        Predictor<EncodedSequence, float[]> predictor = borrow();
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new ModelEngineException("inference failed: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    private Predictor<EncodedSequence, float[]> borrow() {
        Predictor<EncodedSequence, float[]> predictor = idle.poll();
        if (predictor != null) {
            return predictor;
        }
        synchronized (all) {
            if (all.size() < size) {
                Predictor<EncodedSequence, float[]> created = model.newPredictor(translator);
                all.add(created);
                return created;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelEngineException("interrupted while waiting for a predictor", e);
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(Predictor::close);
            all.clear();
            idle.clear();
        }
    }
}
